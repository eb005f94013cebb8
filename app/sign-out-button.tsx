"use client";
// Ends the session and returns to the sign-in page.
import { useRouter } from "next/navigation";

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => void fetch("/api/auth/logout", { method: "POST" }).then(() => router.push("/login"))}
    >
      Sign out
    </button>
  );
}
