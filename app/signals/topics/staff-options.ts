// Choices the review forms offer: the staff who can be assigned a topic, the statuses, and the
// drugs and classes a topic can be raised for.
import { getPrisma } from "@/lib/db/client";
import { DRUG_CATALOGUE } from "@/lib/domain/drug-catalogue";
import { DRUG_CLASSES, DRUG_CLASS_LABELS } from "@/lib/domain/vocabulary";
import { TOPIC_STATUSES, TOPIC_STATUS_LABELS } from "@/lib/signals/topics/topic-schema";

export async function assigneeOptions(): Promise<{ value: string; label: string }[]> {
  const users = await getPrisma().user.findMany({
    where: { role: { in: ["admin", "safety_officer"] }, disabledAt: null },
    orderBy: { email: "asc" },
    select: { email: true, name: true },
  });
  return users.map((u) => ({ value: u.email, label: `${u.name} (${u.email})` }));
}

export const STATUS_OPTIONS = TOPIC_STATUSES.map((s) => ({ value: s, label: TOPIC_STATUS_LABELS[s] }));

export const SUBJECT_OPTIONS = [
  ...DRUG_CLASSES.map((c) => ({ value: `class:${c}`, label: `Class: ${DRUG_CLASS_LABELS[c]}` })),
  ...[...DRUG_CATALOGUE]
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((d) => ({ value: `drug:${d.name}`, label: d.displayName })),
];
