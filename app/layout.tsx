// Root layout: the application frame (header and navigation) around every page.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "NMS Watch",
  description: "Pharmacovigilance analytics for neuroleptic malignant syndrome",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="app-header">
          <Link href="/" className="brand">
            NMS Watch
          </Link>
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
          </nav>
        </header>
        <main className="app-main">{children}</main>
      </body>
    </html>
  );
}
