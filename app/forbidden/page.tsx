// Shown when a signed-in user opens a page their role may not see.
export default function ForbiddenPage() {
  return (
    <>
      <h1>Not available for your role</h1>
      <p className="muted">Researchers see aggregates and exports only; case-level pages need a safety-officer or administrator account.</p>
    </>
  );
}
