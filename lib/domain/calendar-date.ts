// A `YYYY-MM-DD` string that names a day that exists (2023-02-30 does not): the one check
// behind the case schema's dates and the aggregate and listing query dates.
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
