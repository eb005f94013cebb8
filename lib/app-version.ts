// The application's version (package.json), stamped on exports and the OpenAPI document so a
// result says which code produced it.
import packageJson from "@/package.json";

export const APP_VERSION: string = packageJson.version;
