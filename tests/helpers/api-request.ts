// Builds requests for calling route handlers directly, authenticated with a real API token.
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/domain/vocabulary";

export const noParams = { params: Promise.resolve({}) };
export const withId = (id: string) => ({ params: Promise.resolve({ id }) });

/** A request maker for one role (token created in the database under test). */
export async function requestsAs(role: Role): Promise<(method: string, url: string, body?: unknown) => Request> {
  const { token } = await createApiToken({ name: `test-${role}`, role });
  return (method, url, body) =>
    new Request(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
}
