// Accounts and tokens from the command line (every change audited as "cli"):
//   users create --email E --name N --role R   (prints a generated password, or reads NMS_NEW_PASSWORD)
//   users list | disable --email E | enable --email E | sign-out --email E | unlock --email E
//   tokens create --role R --name N [--days D] (prints the token alone on the last line: shown once)
//   tokens list | revoke --id ID
import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { newSecret } from "@/lib/auth/secrets";
import { clearAccountThrottle } from "@/lib/auth/sign-in-throttle";
import { createUser, disableUser, enableUser, listUsers, signOutEverywhere } from "@/lib/auth/users";
import { ROLES } from "@/lib/domain/vocabulary";

type Values = Record<string, string | boolean | undefined>;
const ZRole = z.enum(ROLES, { message: `--role must be one of ${ROLES.join(", ")}` });
const ZEmail = z.object({ email: z.email({ message: "--email must be an email address" }) });
const ACTOR = "cli";

export const USERS_USAGE =
  "users create --email E --name N --role admin|safety_officer|researcher | users list | users disable|enable|sign-out|unlock --email E";
export const TOKENS_USAGE =
  "tokens create --role admin|safety_officer|researcher --name NAME [--days D] | tokens list | tokens revoke --id ID";

const date = (value: Date | null) => (value ? value.toISOString().slice(0, 16).replace("T", " ") : "-");

export async function usersCommand(values: Values, positionals: string[]): Promise<void> {
  const action = positionals[0];
  if (action === "create") {
    const args = z
      .object({ email: ZEmail.shape.email, name: z.string({ message: "--name is required" }).min(1), role: ZRole })
      .parse(values);
    const password = process.env.NMS_NEW_PASSWORD ?? newSecret().slice(0, 20);
    const user = await createUser({ ...args, password }, ACTOR);
    console.log(`Created ${args.role} ${user.email}.`);
    if (!process.env.NMS_NEW_PASSWORD) console.log(`Password (shown once): ${password}`);
  } else if (action === "list") {
    for (const u of await listUsers())
      console.log(`${u.email}\t${u.role}\t${u.disabledAt ? `disabled ${date(u.disabledAt)}` : "active"}\t${u.name}`);
  } else if (action === "disable") {
    const { email } = ZEmail.parse(values);
    const ended = await disableUser(email, ACTOR);
    console.log(`Disabled ${email}: ${ended.sessions} session(s) ended, ${ended.tokens} token(s) revoked.`);
  } else if (action === "enable") {
    const { email } = ZEmail.parse(values);
    await enableUser(email, ACTOR);
    console.log(`Enabled ${email}.`);
  } else if (action === "sign-out") {
    const { email } = ZEmail.parse(values);
    console.log(`Signed ${email} out everywhere: ${await signOutEverywhere(email, ACTOR)} session(s) ended.`);
  } else if (action === "unlock") {
    const { email } = ZEmail.parse(values);
    await clearAccountThrottle(email, ACTOR);
    console.log(`Cleared the sign-in delay of ${email}.`);
  } else {
    throw new Error(`usage: ${USERS_USAGE}`);
  }
}

export async function tokensCommand(values: Values, positionals: string[]): Promise<void> {
  const action = positionals[0];
  if (action === "create") {
    const args = z
      .object({
        role: ZRole,
        name: z.string({ message: "--name is required" }).trim().min(1).max(100),
        days: z.coerce
          .number({ message: "--days must be a whole number" })
          .int("--days must be a whole number")
          .min(0)
          .max(3650)
          .optional(),
      })
      .parse(values);
    const { token, expiresAt } = await createApiToken(args, ACTOR);
    console.log(
      `API token "${args.name}" for role ${args.role}, ${expiresAt ? `expires ${date(expiresAt)} UTC` : "never expires"} (shown once; send as Authorization: Bearer <token>):`,
    );
    console.log(token);
  } else if (action === "list") {
    for (const t of await listApiTokens()) {
      const state = t.revokedAt ? `revoked ${date(t.revokedAt)}` : t.expiresAt && t.expiresAt <= new Date() ? "expired" : "active";
      console.log(`${t.id}\t${t.name}\t${t.role}\t${state}\texpires ${date(t.expiresAt)}`);
    }
  } else if (action === "revoke") {
    const { id } = z.object({ id: z.uuid({ message: "--id must be a token id (tokens list shows them)" }) }).parse(values);
    if (!(await revokeApiToken(id, ACTOR))) throw new Error(`no active token with id ${id}`);
    console.log(`Revoked token ${id}.`);
  } else {
    throw new Error(`usage: ${TOKENS_USAGE}`);
  }
}
