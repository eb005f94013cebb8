// The drug catalogue: every agent the NMS overview names and the usual others, each
// with its class, potency, ATC code and the synonyms, salts, brands and depot forms importers match.
import { DRUG_CLASSES, type DrugClass, type PotencyGrade } from "./vocabulary";

export type TCatalogueDrug = {
  /** Lowercase INN: the canonical key, stored in catalogue_drug.name. */
  readonly name: string;
  readonly displayName: string;
  readonly drugClass: DrugClass;
  /** First-generation agents only, by chlorpromazine-equivalent dose (see POTENCY note below). */
  readonly potency: PotencyGrade | null;
  /** WHO ATC code; null where we are not sure of it. */
  readonly atcCode: string | null;
  /** Other INNs, BAN/USAN spellings and prodrug names that mean the same agent. */
  readonly synonyms: readonly string[];
  readonly salts: readonly string[];
  readonly brands: readonly string[];
  /** Names, salts and brands that imply a depot (long-acting injectable) formulation. */
  readonly depotForms: readonly string[];
  /**
   * A dopamine agonist that is also a treatment of NMS (bromocriptine, amantadine, apomorphine).
   * On an NMS report such an agent is more often the treatment than the cause, and it can only
   * cause NMS by being withdrawn: it attributes a case only when the report says it was withdrawn
   * or reduced (lib/cases/drug-attribution.ts; docs/drug-names.md).
   */
  readonly treatsNms: boolean;
};

/** Salt, ester and hydrate words met in reported drug names; every entry's `salts` come from here. */
export const SALT_WORDS = [
  "hydrochloride",
  "dihydrochloride",
  "hcl",
  "lactate",
  "decanoate",
  "decanoas",
  "enanthate",
  "enantate",
  "palmitate",
  "pamoate",
  "embonate",
  "fumarate",
  "maleate",
  "dimaleate",
  "mesylate",
  "mesilate",
  "tartrate",
  "besylate",
  "besilate",
  "hydrobromide",
  "edisylate",
  "succinate",
  "acetate",
  "sulfate",
  "sulphate",
  "tosylate",
  "ditosylate",
  "teoclate",
  "lauroxil",
  "monohydrate",
] as const;

/** Words that alone mark a depot formulation whatever the agent (the risk factor "depot/long-acting form"). */
export const DEPOT_KEYWORDS = [
  "depot",
  "lai",
  "long acting",
  "longacting",
  "decanoate",
  "decanoas",
  "enanthate",
  "enantate",
  "palmitate",
  "pamoate",
  "embonate",
  "lauroxil",
  "microspheres",
  "extended release injectable",
] as const;

type TExtras = Partial<Pick<TCatalogueDrug, "displayName" | "synonyms" | "salts" | "brands" | "depotForms" | "treatsNms">>;

function entry(name: string, drugClass: DrugClass, potency: PotencyGrade | null, atcCode: string | null, extras: TExtras): TCatalogueDrug {
  return {
    name,
    displayName: extras.displayName ?? name.charAt(0).toUpperCase() + name.slice(1),
    drugClass,
    potency,
    atcCode,
    synonyms: extras.synonyms ?? [],
    salts: extras.salts ?? [],
    brands: extras.brands ?? [],
    depotForms: extras.depotForms ?? [],
    treatsNms: extras.treatsNms ?? false,
  };
}

// POTENCY: mg equivalent to 100 mg chlorpromazine — high ≤ ~5 mg (haloperidol 2, fluphenazine 2,
// trifluoperazine 5), medium ~5–30 mg (perphenazine 8–10, loxapine 10–15, zuclopenthixol 25),
// low ≥ ~50 mg (chlorpromazine 100, thioridazine 100, mesoridazine 50, sulpiride 200).
// Only first-generation agents are graded: the overview's "high-potency neuroleptics" risk factor
// is a property of typicals, and the helper below makes a grade mandatory for them.
const firstGen = (name: string, potency: PotencyGrade, atc: string | null, extras: TExtras = {}) =>
  entry(name, "first_generation", potency, atc, extras);
const secondGen = (name: string, atc: string | null, extras: TExtras = {}) => entry(name, "second_generation", null, atc, extras);
const antiemetic = (name: string, atc: string | null, extras: TExtras = {}) => entry(name, "antiemetic", null, atc, extras);
const withdrawal = (name: string, atc: string | null, extras: TExtras = {}) => entry(name, "dopaminergic_withdrawal", null, atc, extras);
const otherAntiDa = (name: string, atc: string | null, extras: TExtras = {}) => entry(name, "other_antidopaminergic", null, atc, extras);

const FIRST_GENERATION: readonly TCatalogueDrug[] = [
  // Butyrophenones (overview: with phenothiazines, "at greatest risk").
  firstGen("haloperidol", "high", "N05AD01", {
    salts: ["lactate", "decanoate"],
    brands: ["Haldol", "Serenace"],
    depotForms: ["haloperidol decanoate", "Haldol Decanoate"],
  }),
  firstGen("benperidol", "high", "N05AD07", { brands: ["Anquil"] }),
  firstGen("bromperidol", "high", "N05AD06", { salts: ["decanoate"], depotForms: ["bromperidol decanoate"] }),
  firstGen("trifluperidol", "high", "N05AD02", { salts: ["hydrochloride"], brands: ["Triperidol"] }),
  firstGen("pipamperone", "low", "N05AD05", { brands: ["Dipiperon"] }),
  firstGen("melperone", "low", "N05AD03", { salts: ["hydrochloride"], brands: ["Eunerpan", "Buronil"] }),
  // Diphenylbutylpiperidines.
  firstGen("pimozide", "high", "N05AG02", { brands: ["Orap"] }),
  firstGen("penfluridol", "high", "N05AG03", { brands: ["Semap"] }),
  // Fluspirilene exists only as a weekly long-acting intramuscular suspension, so any mention is a depot.
  firstGen("fluspirilene", "high", "N05AG01", { brands: ["Imap"], depotForms: ["fluspirilene", "Imap"] }),
  // Phenothiazines, piperazine side chain.
  firstGen("fluphenazine", "high", "N05AB02", {
    salts: ["hydrochloride", "decanoate", "enanthate"],
    brands: ["Prolixin", "Modecate", "Moditen"],
    depotForms: ["fluphenazine decanoate", "fluphenazine enanthate", "Modecate"],
  }),
  firstGen("trifluoperazine", "high", "N05AB06", { salts: ["hydrochloride"], brands: ["Stelazine"] }),
  firstGen("perphenazine", "medium", "N05AB03", {
    salts: ["enanthate", "decanoate"],
    brands: ["Trilafon", "Fentazin", "Triavil", "Etrafon"],
    depotForms: ["perphenazine enanthate", "perphenazine decanoate"],
  }),
  firstGen("perazine", "low", "N05AB10", { brands: ["Taxilan"] }),
  // Phenothiazines, aliphatic side chain.
  firstGen("chlorpromazine", "low", "N05AA01", { salts: ["hydrochloride"], brands: ["Thorazine", "Largactil"] }),
  firstGen("levomepromazine", "low", "N05AA02", {
    synonyms: ["methotrimeprazine"],
    salts: ["hydrochloride", "maleate"],
    brands: ["Nozinan", "Levoprome"],
  }),
  firstGen("promazine", "low", "N05AA03", { salts: ["hydrochloride"], brands: ["Sparine"] }),
  firstGen("cyamemazine", "low", "N05AA06", { synonyms: ["cyamepromazine"], brands: ["Tercian"] }),
  // Phenothiazines, piperidine side chain.
  firstGen("thioridazine", "low", "N05AC02", { salts: ["hydrochloride"], brands: ["Mellaril", "Melleril"] }),
  firstGen("mesoridazine", "low", "N05AC03", { salts: ["besylate"], brands: ["Serentil"] }),
  firstGen("periciazine", "medium", "N05AC01", { synonyms: ["pericyazine"], brands: ["Neulactil", "Neuleptil"] }),
  firstGen("pipotiazine", "medium", "N05AC04", {
    synonyms: ["pipothiazine"],
    salts: ["palmitate"],
    brands: ["Piportil"],
    depotForms: ["pipotiazine palmitate", "Piportil Depot"],
  }),
  // Thioxanthenes.
  firstGen("flupentixol", "high", "N05AF01", {
    synonyms: ["flupenthixol"],
    salts: ["decanoate", "dihydrochloride"],
    brands: ["Fluanxol", "Depixol"],
    depotForms: ["flupentixol decanoate", "Fluanxol Depot"],
  }),
  firstGen("zuclopenthixol", "medium", "N05AF05", {
    salts: ["decanoate", "acetate", "dihydrochloride"],
    brands: ["Clopixol", "Cisordinol"],
    depotForms: ["zuclopenthixol decanoate", "Clopixol Depot"],
  }),
  firstGen("tiotixene", "high", "N05AF04", { synonyms: ["thiothixene"], salts: ["hydrochloride"], brands: ["Navane"] }),
  firstGen("chlorprothixene", "low", "N05AF03", { salts: ["hydrochloride"], brands: ["Truxal", "Taractan"] }),
  // Indoles and dibenzoxazepines.
  firstGen("molindone", "medium", "N05AE02", { salts: ["hydrochloride"], brands: ["Moban"] }),
  firstGen("loxapine", "medium", "N05AH01", { salts: ["succinate", "hydrochloride"], brands: ["Loxitane", "Loxapac", "Adasuve"] }),
  // Benzamides: sulpiride and tiapride are grouped with the typicals (BNF lists sulpiride as
  // first-generation), amisulpride with the atypicals (see below).
  firstGen("sulpiride", "low", "N05AL01", { brands: ["Dogmatil", "Dolmatil", "Sulpor"] }),
  firstGen("tiapride", "low", "N05AL03", { salts: ["hydrochloride"], brands: ["Tiapridal", "Tiapridex"] }),
];

const SECOND_GENERATION: readonly TCatalogueDrug[] = [
  // The five atypicals the overview names as "implicated in cases".
  secondGen("clozapine", "N05AH02", { brands: ["Clozaril", "Leponex", "Versacloz", "FazaClo", "Denzapine", "Zaponex"] }),
  secondGen("olanzapine", "N05AH03", {
    salts: ["pamoate", "embonate", "monohydrate"],
    brands: ["Zyprexa", "Zypadhera", "Lybalvi", "Symbyax"],
    depotForms: ["olanzapine pamoate", "Zyprexa Relprevv", "Zypadhera"],
  }),
  secondGen("risperidone", "N05AX08", {
    brands: ["Risperdal", "Perseris", "Uzedy", "Rykindo"],
    depotForms: ["Risperdal Consta", "Perseris", "Uzedy", "Rykindo"],
  }),
  secondGen("quetiapine", "N05AH04", { salts: ["fumarate"], brands: ["Seroquel"] }),
  secondGen("ziprasidone", "N05AE04", { salts: ["hydrochloride", "mesylate"], brands: ["Geodon", "Zeldox"] }),
  secondGen("aripiprazole", "N05AX12", {
    salts: ["lauroxil", "monohydrate"],
    brands: ["Abilify", "Aristada"],
    depotForms: ["Abilify Maintena", "Abilify Asimtufii", "Aristada", "aripiprazole lauroxil"],
  }),
  secondGen("paliperidone", "N05AX13", {
    salts: ["palmitate"],
    brands: ["Invega", "Xeplion", "Trevicta", "Byannli"],
    depotForms: ["paliperidone palmitate", "Invega Sustenna", "Invega Trinza", "Invega Hafyera", "Xeplion", "Trevicta", "Byannli"],
  }),
  secondGen("brexpiprazole", "N05AX16", { brands: ["Rexulti"] }),
  secondGen("cariprazine", "N05AX15", { salts: ["hydrochloride"], brands: ["Vraylar", "Reagila"] }),
  secondGen("asenapine", "N05AH05", { salts: ["maleate"], brands: ["Saphris", "Sycrest", "Secuado"] }),
  secondGen("iloperidone", "N05AX14", { brands: ["Fanapt"] }),
  secondGen("lurasidone", "N05AE05", { salts: ["hydrochloride"], brands: ["Latuda"] }),
  secondGen("sertindole", "N05AE03", { brands: ["Serdolect"] }),
  secondGen("zotepine", "N05AX11", { brands: ["Zoleptil", "Nipolept"] }),
  secondGen("lumateperone", "N05AD10", { salts: ["tosylate"], brands: ["Caplyta"] }),
  secondGen("blonanserin", null, { brands: ["Lonasen"] }),
  secondGen("perospirone", null, { salts: ["hydrochloride"], brands: ["Lullan"] }),
  // A benzamide like sulpiride, but licensed and grouped as an atypical (BNF, NICE).
  secondGen("amisulpride", "N05AL05", { brands: ["Solian", "Barhemsys"] }),
  // No D2 blockade, but a licensed antipsychotic that reports name; kept so they map rather than vanish.
  secondGen("pimavanserin", "N05AX17", { salts: ["tartrate"], brands: ["Nuplazid"] }),
];

const ANTIEMETICS: readonly TCatalogueDrug[] = [
  antiemetic("metoclopramide", "A03FA01", { salts: ["hydrochloride"], brands: ["Reglan", "Maxolon", "Primperan", "Gimoti", "Metozolv"] }),
  // Phenothiazine/butyrophenone antiemetics: the product puts them here, not with the typicals.
  antiemetic("prochlorperazine", "N05AB04", {
    salts: ["maleate", "edisylate", "mesylate", "mesilate"],
    brands: ["Compazine", "Stemetil", "Buccastem"],
  }),
  antiemetic("promethazine", "R06AD02", { salts: ["hydrochloride", "teoclate"], brands: ["Phenergan", "Avomine"] }),
  antiemetic("droperidol", "N05AD08", { synonyms: ["dehydrobenzperidol"], brands: ["Inapsine", "Droleptan"] }),
  antiemetic("thiethylperazine", "R06AD03", { salts: ["maleate"], brands: ["Torecan"] }),
  antiemetic("trimethobenzamide", "R06AA10", { salts: ["hydrochloride"], brands: ["Tigan"] }),
  // Peripheral D2 antagonist: crosses the blood–brain barrier poorly, yet NMS reports name it.
  antiemetic("domperidone", "A03FA03", { salts: ["maleate"], brands: ["Motilium"] }),
];

// Dopaminergic agents whose abrupt reduction is reported to trigger NMS-like hyperpyrexia
// (overview: "levodopa or other dopamine agonists, such as pramipexole", "dopaminergic drugs for
// Parkinson's disease … when the dosage is abruptly reduced"). MAO-B and COMT inhibitors
// (selegiline, rasagiline, safinamide, entacapone, opicapone) are left out: withdrawal of them alone
// is not an established trigger, and combination products with levodopa map to levodopa.
const DOPAMINERGIC_WITHDRAWAL: readonly TCatalogueDrug[] = [
  withdrawal("levodopa", "N04BA01", {
    synonyms: ["l-dopa", "ldopa", "foslevodopa"],
    brands: [
      "Sinemet",
      "Madopar",
      "Stalevo",
      "Rytary",
      "Duopa",
      "Duodopa",
      "Inbrija",
      "Dhivy",
      "Crexont",
      "Parcopa",
      "Prolopa",
      "Atamet",
      "Vyalev",
    ],
  }),
  withdrawal("pramipexole", "N04BC05", { salts: ["dihydrochloride", "monohydrate"], brands: ["Mirapex", "Mirapexin", "Sifrol"] }),
  withdrawal("ropinirole", "N04BC04", { salts: ["hydrochloride"], brands: ["Requip", "Adartrel"] }),
  withdrawal("rotigotine", "N04BC09", { brands: ["Neupro"] }),
  withdrawal("apomorphine", "N04BC07", { salts: ["hydrochloride"], brands: ["Apokyn", "Kynmobi", "Onapgo"], treatsNms: true }),
  withdrawal("bromocriptine", "N04BC01", { salts: ["mesylate", "mesilate"], brands: ["Parlodel", "Cycloset"], treatsNms: true }),
  withdrawal("cabergoline", "N04BC06", { brands: ["Dostinex", "Cabaser"] }),
  withdrawal("pergolide", "N04BC02", { salts: ["mesylate", "mesilate"], brands: ["Permax"] }),
  withdrawal("piribedil", "N04BC08", { brands: ["Trivastal"] }),
  // NMDA antagonist with dopaminergic action; withdrawal NMS-like states are reported.
  withdrawal("amantadine", "N04BB01", {
    salts: ["hydrochloride", "sulfate", "sulphate"],
    brands: ["Symmetrel", "Gocovri", "Osmolex"],
    treatsNms: true,
  }),
];

// Non-antipsychotics with antidopaminergic action the overview says have triggered NMS.
// Lithium is deliberately absent: the overview calls its causal role "unclear" and counts
// concomitant lithium as a risk factor, which the case records as its own field.
const OTHER_ANTIDOPAMINERGIC: readonly TCatalogueDrug[] = [
  // Dopamine depleters (VMAT2 inhibitors and reserpine).
  otherAntiDa("tetrabenazine", "N07XX06", { brands: ["Xenazine", "Nitoman"] }),
  otherAntiDa("deutetrabenazine", "N07XX16", { brands: ["Austedo"] }),
  otherAntiDa("valbenazine", "N07XX13", { salts: ["tosylate", "ditosylate"], brands: ["Ingrezza"] }),
  otherAntiDa("reserpine", "C02AA02", { brands: ["Serpasil"] }),
  // Antidepressants: amoxapine (metabolised to loxapine analogues), tricyclics and an MAOI.
  otherAntiDa("amoxapine", "N06AA17", { brands: ["Asendin"] }),
  otherAntiDa("desipramine", "N06AA01", {
    synonyms: ["desmethylimipramine"],
    salts: ["hydrochloride"],
    brands: ["Norpramin", "Pertofrane"],
  }),
  otherAntiDa("dosulepin", "N06AA16", { synonyms: ["dothiepin"], salts: ["hydrochloride"], brands: ["Prothiaden"] }),
  otherAntiDa("phenelzine", "N06AF03", { salts: ["sulfate", "sulphate"], brands: ["Nardil"] }),
];

export const DRUG_CATALOGUE: readonly TCatalogueDrug[] = [
  ...FIRST_GENERATION,
  ...SECOND_GENERATION,
  ...ANTIEMETICS,
  ...DOPAMINERGIC_WITHDRAWAL,
  ...OTHER_ANTIDOPAMINERGIC,
];

const BY_NAME = new Map(DRUG_CATALOGUE.map((drug) => [drug.name, drug]));
const BY_CLASS = new Map<DrugClass, readonly TCatalogueDrug[]>(
  DRUG_CLASSES.map((drugClass) => [drugClass, DRUG_CATALOGUE.filter((drug) => drug.drugClass === drugClass)]),
);

/** The entry of a canonical name (lowercase INN; case and surrounding space ignored). Free text goes through normaliseDrugName. */
export function catalogueDrugByName(name: string): TCatalogueDrug | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** Every catalogue entry of a class, in catalogue order. */
export function catalogueDrugsOfClass(drugClass: DrugClass): readonly TCatalogueDrug[] {
  return BY_CLASS.get(drugClass) ?? [];
}

/** Class of a canonical name, or undefined for a name the catalogue does not hold. */
export function drugClassOf(name: string): DrugClass | undefined {
  return catalogueDrugByName(name)?.drugClass;
}
