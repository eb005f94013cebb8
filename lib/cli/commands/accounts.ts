// `cli users create --email E --name N --role R` (prints a generated password, or reads one
// from NMS_NEW_PASSWORD) and `cli tokens create --role R --name N` (prints the token alone on
// the last line: it is shown once and stored only as a hash).
import { z } from "zod";
import { createApiToken } from "@/lib/auth/api-tokens";
import { newSecret } from "@/lib/auth/secrets";
import { createUser } from "@/lib/auth/users";
import { ROLES } from "@/lib/domain/vocabulary";

type Values = Record<string, string | boolean | undefined>;
const ZRole = z.enum(ROLES, { message: `--role must be one of ${ROLES.join(", ")}` });

export async function usersCommand(values: Values, positionals: string[]): Promise<void> {
  if (positionals[0] !== "create") throw new Error("usage: users create --email E --name N --role admin|safety_officer|researcher");
  const args = z
    .object({ email: z.email({ message: "--email must be an email address" }), name: z.string({ message: "--name is required" }).min(1), role: ZRole })
    .parse(values);
  const password = process.env.NMS_NEW_PASSWORD ?? newSecret().slice(0, 20);
  const user = await createUser({ ...args, password });
  console.log(`Created ${args.role} ${user.email}.`);
  if (!process.env.NMS_NEW_PASSWORD) console.log(`Password (shown once): ${password}`);
}

export async function tokensCommand(values: Values, positionals: string[]): Promise<void> {
  if (positionals[0] !== "create") throw new Error("usage: tokens create --role admin|safety_officer|researcher --name NAME");
  const args = z.object({ role: ZRole, name: z.string({ message: "--name is required" }).trim().min(1).max(100) }).parse(values);
  const { token } = await createApiToken(args);
  console.log(`API token "${args.name}" for role ${args.role} (shown once; send as Authorization: Bearer <token>):`);
  console.log(token);
}
