// Root layout: the application frame (header and navigation) around every page.
import type { Metadata } from "next";
import type { ReactNode } from "react";
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
          <a href="/" className="brand">
            NMS Watch
          </a>
          <nav aria-label="Main">
            <a href="/">Overview</a>
          </nav>
        </header>
        <main className="app-main">{children}</main>
      </body>
    </html>
  );
}
