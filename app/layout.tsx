// Root layout: the application frame (header and navigation) around every page.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { currentPrincipal } from "@/lib/auth/page-guard";
import { ROLE_LABELS } from "@/lib/auth/principal";
import { SignOutButton } from "./sign-out-button";
import "./globals.css";

export const metadata: Metadata = {
  title: "NMS Watch",
  description: "Pharmacovigilance analytics for neuroleptic malignant syndrome",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header still renders when the database is down; pages report that themselves.
  const principal = await currentPrincipal().catch(() => null);
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
          {principal && (
            <div className="who">
              <span>
                {principal.actor} · {ROLE_LABELS[principal.role]}
              </span>
              <SignOutButton />
            </div>
          )}
        </header>
        <main className="app-main">{children}</main>
      </body>
    </html>
  );
}
