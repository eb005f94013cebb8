// GET /api/v1/baselines — the published baselines as stored (optionally `metric=`, repeatable),
// with their figures, population, period, design, citation and quote; POST — add one (administrators, audited).
import { NextResponse } from "next/server";
import { z } from "zod";
import { validationError } from "@/lib/errors";
import { actorOf, readJsonBody } from "@/lib/api/request";
import { createBaseline } from "@/lib/baselines/baseline-commands";
import { ZBaselineCreate } from "@/lib/domain/baseline-schema";
import { guarded } from "@/lib/auth/guard";
import { ADMINS, AGGREGATE_READERS } from "@/lib/auth/principal";
import { BASELINE_METRICS } from "@/lib/domain/baselines";
import { paramsObject } from "@/lib/domain/search-params";
import { asList } from "@/lib/queries/aggregates/query-schema";
import { getBaselines } from "@/lib/queries/get-baselines";

export const dynamic = "force-dynamic";

const ZBaselinesQuery = z
  .object({
    metric: z.preprocess(
      asList,
      z.array(z.string()).refine((values) => values.every((v) => (BASELINE_METRICS as readonly string[]).includes(v)), {
        message: `must be one of ${BASELINE_METRICS.join(", ")}`,
      }),
    ),
  })
  .strict();

export const GET = guarded(AGGREGATE_READERS, async (request: Request) => {
  const parsed = ZBaselinesQuery.safeParse(paramsObject(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error, "query");
  return NextResponse.json({ baselines: await getBaselines(parsed.data.metric) });
});

export const POST = guarded(ADMINS, async (request: Request, _context: unknown, principal) => {
  const parsed = ZBaselineCreate.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(parsed.error, "baseline");
  return NextResponse.json(await createBaseline(parsed.data, actorOf(request, principal)), { status: 201 });
});
