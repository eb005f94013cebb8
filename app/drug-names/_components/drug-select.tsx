// The catalogue as a <select> grouped by class, for choosing what a name maps to.
export type TDrugOptionGroup = { label: string; drugs: { name: string; label: string }[] };

export function DrugSelect({
  id,
  groups,
  value,
  onChange,
}: {
  id: string;
  groups: TDrugOptionGroup[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose a catalogue drug…</option>
      {groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.drugs.map((drug) => (
            <option key={drug.name} value={drug.name}>
              {drug.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
