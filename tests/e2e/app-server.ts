// The browser tests start the app through the same helper as the benchmark (scripts/app-server.ts).
export * from "../../scripts/app-server";
