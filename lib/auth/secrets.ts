// Password hashing (bcrypt, a maintained library) and opaque secrets (session ids, API tokens)
// that are stored only as their SHA-256, so a leaked table grants nothing.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import bcrypt from "bcryptjs";

const BCRYPT_COST = 11;
export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, BCRYPT_COST);
export const verifyPassword = (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash);

/** A fresh random secret, URL-safe, with a readable prefix ("nmsw_" for API tokens). */
export const newSecret = (prefix = ""): string => `${prefix}${randomBytes(32).toString("base64url")}`;

export const sha256 = (secret: string): string => createHash("sha256").update(secret).digest("hex");

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
