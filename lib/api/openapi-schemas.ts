// zod → OpenAPI 3.1 pieces with zod 4's own z.toJSONSchema (JSON Schema 2020-12, the dialect
// OpenAPI 3.1 uses): named component schemas, and query parameters from a query schema.
import { z } from "zod";
import { ZCaseInput, ZCasePatch } from "@/lib/domain/case-schema";
import { ZLogin } from "@/lib/auth/login-schema";
import { ZExportOptions } from "@/lib/exports/export-options";
import { ZImportUploadFields } from "@/lib/imports/upload/upload-fields";
import { DESCRIPTORS, FILTER_KEYS } from "@/lib/queries/aggregates/descriptors";
import { ZAggregateQuery } from "@/lib/queries/aggregates/query-schema";
import { ZAuditQuery } from "@/lib/queries/find-audit-events";
import { ZCaseListQuery } from "@/lib/queries/find-cases";
import { ZImportJobListQuery } from "@/lib/queries/find-import-jobs";
import { ZSignalQuery } from "@/lib/queries/signals/signal-query";

export type TJsonSchema = Record<string, unknown>;

/** The error envelope every route answers failures with (lib/api/errors.ts). */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: "Stable code: invalid_input, unauthenticated, forbidden, csrf, not_found, conflict, database_unavailable…" }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string().meta({ description: 'Field or parameter, e.g. "drugs.0.role"' }), message: z.string() })),
    }),
  })
  .meta({
    description: "Every failure: 400 invalid input (field-level issues), 401/403 access, 404, 409 conflict, 503 database unreachable.",
  });

/** The schemas the document names: request bodies and query languages, as clients send them. */
export const SCHEMAS = {
  CaseInput: ZCaseInput,
  CasePatch: ZCasePatch,
  CaseListQuery: ZCaseListQuery,
  AggregateQuery: ZAggregateQuery,
  ExportOptions: ZExportOptions,
  AuditQuery: ZAuditQuery,
  SignalQuery: ZSignalQuery,
  ImportJobListQuery: ZImportJobListQuery,
  ImportUploadFields: ZImportUploadFields,
  Login: ZLogin,
  Error: ZErrorBody,
} as const satisfies Record<string, z.ZodType>;
export type TSchemaName = keyof typeof SCHEMAS;

/**
 * The input side of a schema ("io: input": what a client sends, before defaults and transforms).
 * Pre-processing steps (a lone value read as a list, "" read as absent) have no JSON Schema
 * form; they are left open ("unrepresentable: any") and the parameter table fills them in.
 */
export function jsonSchemaOf(schema: z.ZodType): TJsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as TJsonSchema;
  return rest;
}

/**
 * Query languages list a repeatable filter as an array that an absent parameter turns into []:
 * never required of a client, whatever the input side of the pre-processing says.
 */
function optionalLists(schema: TJsonSchema): TJsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, TJsonSchema>;
  const required = ((schema.required ?? []) as string[]).filter((name) => properties[name]?.type !== "array");
  const { required: _all, ...rest } = schema;
  return required.length ? { ...rest, required } : rest;
}

export const componentSchemas = (): Record<string, TJsonSchema> =>
  Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, schema]) => [
      name,
      name.endsWith("Query") ? optionalLists(jsonSchemaOf(schema)) : jsonSchemaOf(schema),
    ]),
  );

/** Repeatable filters whose allowed values a custom check holds (so the JSON Schema lacks them): the fixed lists of their descriptors. */
const FILTER_VALUES: Record<string, readonly string[]> = Object.fromEntries(
  FILTER_KEYS.flatMap((key) => {
    const values = DESCRIPTORS[key].filter.values;
    return values ? [[key, values]] : [];
  }),
);

export type TParameter = {
  name: string;
  in: "query" | "path";
  required: boolean;
  description?: string;
  schema: TJsonSchema;
  style?: "form";
  explode?: boolean;
};

/** One query parameter per property of an object query schema; lists repeat the parameter. */
export function queryParameters(schema: z.ZodType): TParameter[] {
  const json = jsonSchemaOf(schema) as { properties?: Record<string, TJsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const isList = property.type === "array";
    const items = (property.items ?? {}) as TJsonSchema;
    const enriched =
      isList && !items.enum && FILTER_VALUES[name] ? { ...property, items: { ...items, enum: [...FILTER_VALUES[name]] } } : property;
    const required = (json.required ?? []).includes(name) && !isList && !("default" in property);
    return {
      name,
      in: "query",
      required,
      schema: enriched,
      ...(isList ? { style: "form" as const, explode: true, description: `Repeatable: ${name}=a&${name}=b matches either.` } : {}),
    };
  });
}

export const ref = (name: TSchemaName) => ({ $ref: `#/components/schemas/${name}` });
