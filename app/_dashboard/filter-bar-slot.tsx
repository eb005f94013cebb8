// The filter bar as a page places it: usable at once with the options that need no query, then
// completed with the countries present in the data when that query answers.
import { Suspense } from "react";
import { FilterBar } from "./filter-bar";
import { loadFilterOptions, staticFilterOptions } from "./filter-options";

async function FilterBarWithCountries() {
  return <FilterBar options={await loadFilterOptions()} />;
}

export function FilterBarSlot({ countries }: { countries: readonly string[] }) {
  return (
    <Suspense fallback={<FilterBar options={staticFilterOptions(countries)} />}>
      <FilterBarWithCountries />
    </Suspense>
  );
}
