"use client";
// The table view of a chart: the same numbers as rows, for screen-reader users, keyboard users and
// anyone who wants exact figures. Collapsed by default; the button says what it will do.
import { useId, useState, type ReactNode } from "react";
import styles from "./dashboard.module.css";

export function TableToggle({ what, children }: { what: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={styles.tableToggle}>
      <button type="button" className={styles.quietButton} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? `Hide the table` : `Show ${what} as a table`}
      </button>
      {/* Hidden (not just invisible) while collapsed, so its links never take focus unseen. */}
      <div id={id} hidden={!open} className={styles.tableScroll}>
        {children}
      </div>
    </div>
  );
}
