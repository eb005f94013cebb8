// GET /api/v1/exposure — the exposure datasets loaded (source, years, strata, person-years, flags,
// who loaded them). Load one with POST /api/v1/imports (format=exposure); see docs/epidemiology.md.
import { NextResponse } from "next/server";
import { guarded } from "@/lib/auth/guard";
import { AGGREGATE_READERS } from "@/lib/auth/principal";
import { REPORTING_RATE_SENTENCE } from "@/lib/domain/rate-wording";
import { findExposureDatasets } from "@/lib/queries/find-exposure-datasets";

export const dynamic = "force-dynamic";

export const GET = guarded(AGGREGATE_READERS, async () =>
  NextResponse.json({ datasets: await findExposureDatasets(), reportingRate: REPORTING_RATE_SENTENCE }),
);
