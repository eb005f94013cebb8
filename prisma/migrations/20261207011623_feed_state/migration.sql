-- CreateTable
CREATE TABLE "feed_state" (
    "feed" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feed_state_pkey" PRIMARY KEY ("feed")
);
