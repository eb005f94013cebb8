"use client";
// The header's navigation and account block: inline on wide screens; on narrow ones (≤ 900 px,
// app/globals.css) folded behind a "Menu" button, closed again whenever the page changes.
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

export function HeaderMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  // A link followed inside the menu lands on a new page: show that page, not the open menu.
  if (open && openedOn !== pathname) {
    setOpen(false);
    setOpenedOn(pathname);
  }
  return (
    <>
      <button
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="header-menu"
        onClick={() => {
          setOpen(!open);
          setOpenedOn(pathname);
        }}
      >
        {open ? "Close" : "Menu"}
      </button>
      <div id="header-menu" className="header-menu" data-open={open ? "true" : "false"}>
        {children}
      </div>
    </>
  );
}
