// The administration pages' own tabs: accounts, sessions and API tokens.
import Link from "next/link";
import styles from "./admin.module.css";

export function AdminNav({ current }: { current: "users" | "sessions" | "tokens" }) {
  return (
    <nav className={styles.tabs} aria-label="Administration">
      <Link href="/admin/users" aria-current={current === "users" ? "page" : undefined}>
        Accounts
      </Link>
      <Link href="/admin/sessions" aria-current={current === "sessions" ? "page" : undefined}>
        Sessions
      </Link>
      <Link href="/admin/tokens" aria-current={current === "tokens" ? "page" : undefined}>
        API tokens
      </Link>
    </nav>
  );
}
