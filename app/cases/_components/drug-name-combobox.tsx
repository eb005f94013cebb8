"use client";
// The drug-name input with catalogue suggestions (an ARIA 1.2 combobox over a listbox): typed
// text is fetched against GET /api/v1/catalogue; any name may be kept — an agent the catalogue
// lacks is stored as typed and listed as unmapped, as imports do.
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import type { TCatalogueSuggestion } from "@/lib/domain/search-catalogue";
import styles from "./case-form.module.css";

type TProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

const DEBOUNCE_MS = 150;

export function DrugNameCombobox({ id, value, onChange, onBlur, ...aria }: TProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<TCatalogueSuggestion[]>([]);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/catalogue?q=${encodeURIComponent(value)}&limit=8`, { signal: controller.signal, credentials: "same-origin" })
        .then(async (response) => (response.ok ? ((await response.json()) as { drugs: TCatalogueSuggestion[] }).drugs : []))
        .then((drugs) => {
          setOptions(drugs);
          setActive(-1);
        })
        // Suggestions are a help: a failed or superseded look-up leaves the field usable.
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, open]);

  const expanded = open && options.length > 0;
  const choose = (option: TCatalogueSuggestion) => {
    onChange(option.displayName);
    setOpen(false);
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (options.length ? (current + step + options.length) % options.length : -1));
    } else if (event.key === "Enter" && expanded && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      setOpen(false);
    }
  }

  return (
    <div className={styles.combobox}>
      <input
        {...aria}
        id={id}
        className={styles.input}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onBlur();
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Catalogue drugs" className={styles.listbox} hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={option.name}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? `${styles.option} ${styles.optionActive}` : styles.option}
            // mousedown, not click: choosing must happen before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
          >
            <span className={styles.optionName}>{option.displayName}</span>
            {option.matched && <span className={styles.optionMatch}> ({option.matched})</span>}
            <span className={styles.optionClass}>{option.classLabel}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
