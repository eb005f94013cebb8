// Root layout: the application frame (header and navigation) around every page.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { currentPrincipal } from "@/lib/auth/page-guard";
import { ADMINS, AGGREGATE_READERS, CASE_READERS, ROLE_LABELS } from "@/lib/auth/principal";
import type { Role } from "@/lib/domain/vocabulary";
import { HeaderMenu } from "./header-menu";
import { SignOutButton } from "./sign-out-button";
import { DATE_TIME_NOTE } from "@/lib/format";
import "./globals.css";

/** Main navigation; each page shows only to the roles that may open it. */
const NAVIGATION: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: "/", label: "Overview", roles: AGGREGATE_READERS },
  { href: "/cases", label: "Cases", roles: CASE_READERS },
  { href: "/duplicates", label: "Duplicates", roles: CASE_READERS },
  { href: "/signals", label: "Signals", roles: AGGREGATE_READERS },
  { href: "/alerts", label: "Alerts", roles: CASE_READERS },
  { href: "/imports", label: "Imports", roles: CASE_READERS },
  { href: "/drug-names", label: "Drug names", roles: CASE_READERS },
  { href: "/exposure", label: "Exposure", roles: AGGREGATE_READERS },
  { href: "/baselines", label: "Baselines", roles: AGGREGATE_READERS },
  { href: "/exports", label: "Exports", roles: AGGREGATE_READERS },
  { href: "/analyses", label: "Saved", roles: AGGREGATE_READERS },
  { href: "/audit", label: "Audit", roles: ADMINS },
  { href: "/admin/users", label: "Accounts", roles: ADMINS },
  { href: "/api-docs", label: "API", roles: AGGREGATE_READERS },
];

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
          {principal && (
            <HeaderMenu>
              <nav aria-label="Main">
                {NAVIGATION.filter((item) => item.roles.includes(principal.role)).map((item) => (
                  <Link key={item.href} href={item.href}>
                    {item.label}
                  </Link>
                ))}
              </nav>
              <div className="who">
                <span className="who-name">
                  <span>{principal.actor}</span> <span>{ROLE_LABELS[principal.role]}</span>
                </span>
                <SignOutButton />
              </div>
            </HeaderMenu>
          )}
        </header>
        <main className="app-main">{children}</main>
        <footer className="app-footer">{DATE_TIME_NOTE}</footer>
      </body>
    </html>
  );
}
