// Authored ICH E2B(R3) and R2 messages: the smallest documents with the elements the parser
// reads, laid out as in FDA's FAERS E2B(R3) example instances (same element paths and codes).
const R3 = "2.16.840.1.113883.3.989.2.1.1.19";

export type TR3Drug = {
  id: string;
  name: string;
  substance?: string;
  role: string;
  route?: string;
  start?: string;
  action?: string;
  recurred?: string;
};
export type TR3Message = {
  id: string;
  received?: string;
  latest?: string;
  sex?: string;
  age?: [string, string];
  reactions: { id: string; code: string; text?: string; outcome?: string; start?: string; death?: boolean }[];
  drugs: TR3Drug[];
  qualification?: string;
  narrative?: string;
};

const observation = (code: string, value: string) =>
  `<outboundRelationship2 typeCode="PERT"><observation classCode="OBS" moodCode="EVN"><code code="${code}" codeSystem="${R3}"/>${value}</observation></outboundRelationship2>`;

function reaction(r: TR3Message["reactions"][number]): string {
  return `<subjectOf2 typeCode="SBJ"><observation classCode="OBS" moodCode="EVN">
    <id root="${r.id}"/><code code="29" codeSystem="${R3}" displayName="reaction"/>
    ${r.start ? `<effectiveTime xsi:type="IVL_TS"><low value="${r.start}"/></effectiveTime>` : ""}
    <value xsi:type="CE" code="${r.code}" codeSystem="2.16.840.1.113883.6.163">${r.text ? `<originalText>${r.text}</originalText>` : ""}</value>
    <location typeCode="LOC"><locatedEntity classCode="LOCE"><locatedPlace classCode="COUNTRY" determinerCode="INSTANCE"><code code="DE" codeSystem="1.0.3166.1.2.2"/></locatedPlace></locatedEntity></location>
    ${observation("34", r.death ? '<value xsi:type="BL" value="true"/>' : '<value xsi:type="BL" nullFlavor="NI"/>')}
    ${r.outcome ? observation("27", `<value xsi:type="CE" code="${r.outcome}" codeSystem="2.16.840.1.113883.3.989.2.1.1.11"/>`) : ""}
  </observation></subjectOf2>`;
}

function drug(d: TR3Drug, reactionId: string): string {
  return `<component typeCode="COMP"><substanceAdministration classCode="SBADM" moodCode="EVN">
    <id root="${d.id}"/>
    <consumable typeCode="CSM"><instanceOfKind classCode="INST"><kindOfProduct classCode="MMAT" determinerCode="KIND">
      <name>${d.name}</name>
      ${d.substance ? `<ingredient classCode="ACTI"><ingredientSubstance classCode="MMAT" determinerCode="KIND"><name>${d.substance}</name></ingredientSubstance></ingredient>` : ""}
    </kindOfProduct></instanceOfKind></consumable>
    <outboundRelationship2 typeCode="COMP"><substanceAdministration classCode="SBADM" moodCode="EVN">
      ${d.start ? `<effectiveTime xsi:type="SXPR_TS"><comp xsi:type="IVL_TS" operator="A"><low value="${d.start}"/></comp></effectiveTime>` : ""}
      ${d.route ? `<routeCode code="x" displayName="${d.route}" codeSystem="0.4.0.127.0.16.1.1.2.6"/>` : ""}
    </substanceAdministration></outboundRelationship2>
    ${d.recurred ? `<outboundRelationship2 typeCode="PERT"><observation classCode="OBS" moodCode="EVN"><code code="31" codeSystem="${R3}"/><value xsi:type="CE" code="${d.recurred}"/><outboundRelationship1 typeCode="REFR"><actReference classCode="OBS" moodCode="EVN"><id root="${reactionId}"/></actReference></outboundRelationship1></observation></outboundRelationship2>` : ""}
    ${d.action ? `<inboundRelationship typeCode="CAUS"><act classCode="ACT" moodCode="EVN"><code code="${d.action}" codeSystem="2.16.840.1.113883.3.989.2.1.1.15"/></act></inboundRelationship>` : ""}
  </substanceAdministration></component>`;
}

export function r3Message(m: TR3Message): string {
  const firstReaction = m.reactions[0]?.id ?? "";
  return `<PORR_IN049016UV>
  <id extension="${m.id}-msg" root="2.16.840.1.113883.3.989.2.1.3.1"/>
  <controlActProcess classCode="CACT" moodCode="EVN"><subject typeCode="SUBJ"><investigationEvent classCode="INVSTG" moodCode="EVN">
    <id extension="${m.id}" root="2.16.840.1.113883.3.989.2.1.3.1"/>
    <id extension="WW-${m.id}" root="2.16.840.1.113883.3.989.2.1.3.2"/>
    <code code="PAT_ADV_EVNT" codeSystem="2.16.840.1.113883.5.4"/>
    ${m.narrative ? `<text>${m.narrative}</text>` : ""}
    <effectiveTime><low value="${m.received ?? "20240110"}"/></effectiveTime>
    <availabilityTime value="${m.latest ?? "20240201120000-0500"}"/>
    <component typeCode="COMP"><adverseEventAssessment classCode="INVSTG" moodCode="EVN">
      <subject1 typeCode="SBJ"><primaryRole classCode="INVSBJ">
        <player1 classCode="PSN" determinerCode="INSTANCE"><administrativeGenderCode code="${m.sex ?? "2"}" codeSystem="1.0.5218"/></player1>
        ${m.age ? `<subjectOf2 typeCode="SBJ"><observation classCode="OBS" moodCode="EVN"><code code="3" codeSystem="${R3}" displayName="age"/><value value="${m.age[0]}" unit="${m.age[1]}" xsi:type="PQ"/></observation></subjectOf2>` : ""}
        ${m.reactions.map(reaction).join("\n")}
        <subjectOf2 typeCode="SBJ"><organizer classCode="CATEGORY" moodCode="EVN"><code code="4" codeSystem="2.16.840.1.113883.3.989.2.1.1.20" displayName="drugInformation"/>
          ${m.drugs.map((d) => drug(d, firstReaction)).join("\n")}
        </organizer></subjectOf2>
      </primaryRole></subject1>
      ${m.drugs
        .map(
          (d) =>
            `<component typeCode="COMP"><causalityAssessment classCode="OBS" moodCode="EVN"><code code="20" codeSystem="${R3}"/><value xsi:type="CE" code="${d.role}"/><subject2 typeCode="SUBJ"><productUseReference classCode="SBADM" moodCode="EVN"><id root="${d.id}"/></productUseReference></subject2></causalityAssessment></component>`,
        )
        .join("\n")}
    </adverseEventAssessment></component>
    <outboundRelationship typeCode="SPRT"><relatedInvestigation classCode="INVSTG" moodCode="EVN"><code code="2" codeSystem="2.16.840.1.113883.3.989.2.1.1.22"/>
      <subjectOf2 typeCode="SUBJ"><controlActEvent classCode="CACT" moodCode="EVN"><author typeCode="AUT"><assignedEntity classCode="ASSIGNED"><assignedPerson classCode="PSN" determinerCode="INSTANCE">
        <asQualifiedEntity classCode="QUAL"><code code="${m.qualification ?? "1"}" codeSystem="2.16.840.1.113883.3.989.2.1.1.6"/></asQualifiedEntity>
      </assignedPerson></assignedEntity></author></controlActEvent></subjectOf2>
    </relatedInvestigation></outboundRelationship>
  </investigationEvent></subject></controlActProcess>
</PORR_IN049016UV>`;
}

export function r3Batch(messages: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- authored test batch -->
<MCCI_IN200100UV01 xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ITSVersion="XML_1.0">
  <id extension="batch-1" root="2.16.840.1.113883.3.989.2.1.3.22"/>
${messages.join("\n")}
</MCCI_IN200100UV01>
`;
}

export const NMS_MESSAGE: TR3Message = {
  id: "US-TEST-0001",
  age: ["3", "{decade}"],
  narrative: "Fever 41 C, lead-pipe rigidity after haloperidol decanoate.",
  reactions: [
    { id: "r-1", code: "10029282", start: "20240105", outcome: "5" },
    { id: "r-2", code: "10039020", text: "Rhabdomyolysis" },
  ],
  drugs: [
    { id: "d-1", name: "Haldol Decanoate", role: "1", route: "Intramuscular", start: "20231201", action: "1", recurred: "4" },
    { id: "d-2", name: "Acme Tablets", substance: "Olanzapine", role: "3" },
    { id: "d-3", name: "Paracetamol", role: "2" },
    { id: "d-4", name: "Placebo", role: "4" },
  ],
};

export const R2_FILE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ichicsr SYSTEM "ich-icsr-v2.1.dtd">
<ichicsr lang="en">
  <ichicsrmessageheader><messagetype>ichicsr</messagetype></ichicsrmessageheader>
  <safetyreport>
    <safetyreportversion>3</safetyreportversion>
    <safetyreportid>7001</safetyreportid>
    <occurcountry>JP</occurcountry>
    <receivedate>20220105</receivedate>
    <primarysource><qualification>3</qualification></primarysource>
    <patient>
      <patientonsetage>52</patientonsetage><patientonsetageunit>801</patientonsetageunit><patientsex>2</patientsex>
      <reaction><reactionmeddrapt>Neuroleptic malignant syndrome</reactionmeddrapt><reactionstartdate>20211230</reactionstartdate><reactionoutcome>1</reactionoutcome></reaction>
      <drug><drugcharacterization>1</drugcharacterization><medicinalproduct>RISPERDAL</medicinalproduct><drugdosageform>Tablet</drugdosageform></drug>
      <drug><drugcharacterization>2</drugcharacterization><medicinalproduct>X</medicinalproduct><activesubstance><activesubstancename>METOCLOPRAMIDE</activesubstancename></activesubstance></drug>
      <summary><narrativeincludeclinical>Patient recovered after stopping risperidone.</narrativeincludeclinical></summary>
    </patient>
  </safetyreport>
  <safetyreport>
    <safetyreportid>7002</safetyreportid>
    <patient><reaction><reactionmeddrapt>Nausea</reactionmeddrapt></reaction><drug><drugcharacterization>1</drugcharacterization><medicinalproduct>RISPERDAL</medicinalproduct></drug></patient>
  </safetyreport>
</ichicsr>
`;
