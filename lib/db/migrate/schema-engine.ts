// Loads Prisma's own schema engine, compiled to WASM, and binds it to a driver adapter.
// Used by db:migrate (deploy/create) and the drift tests; never on a request path.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);

let instantiated: Promise<void> | undefined;

/** The .wasm file is not an exported path of the package, so it is instantiated by hand. */
function instantiateOnce(): Promise<void> {
  instantiated ??= (async () => {
    // Without a panic registry a Rust panic surfaces as a bare "unreachable".
    const registry = {
      message: "",
      get(): string {
        return this.message;
      },
      set_message(m: string) {
        this.message = `RuntimeError: ${m}`;
      },
    };
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const glueFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(glueFile), "schema_engine_bg.wasm"));
    const compiled = await WebAssembly.compile(new Uint8Array(bytes));
    const instance = await WebAssembly.instantiate(compiled, { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return instantiated;
}

export type { SchemaEngine };

/** A schema engine for `schemaText`, talking to the database through `adapterFactory`. */
export async function openSchemaEngine(schemaText: string, adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await instantiateOnce();
  const log = (line: string) => {
    if (process.env.NMS_DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  return glue.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, log, bound);
}

/** The engine reports driver errors by id in its registry; surface the original error. */
export function engineErrorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error && typeof error.message === "string") {
    return error.message;
  }
  return String(error);
}
