#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here.
# Migrations run through Prisma's WASM schema engine: use `npm run db:migrate`.
echo "The native Prisma schema engine is not used by NMS Watch: run 'npm run db:migrate' (WASM engine)." >&2
exit 1
