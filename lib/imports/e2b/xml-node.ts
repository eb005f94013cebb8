// Typed access to fast-xml-parser output for HL7 v3 (E2B R3) messages: every element is a list
// of nodes, attributes are "@name" strings, text is "#text". Keeps `any` out of the mappers.
import { XMLParser } from "fast-xml-parser";

export type TXmlNode = { readonly [key: string]: TXmlNode[] | string | undefined };

const r3Parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true, // xsi:type → @type; the message is cut out of its namespaced root
  alwaysCreateTextNode: true,
  isArray: (_tag, _path, _leaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
});

/** Parses one message's XML (throws on malformed XML). */
export function parseXmlNodes(xml: string): TXmlNode {
  return r3Parser.parse(xml, true) as TXmlNode;
}

export function kids(node: TXmlNode | undefined, name: string): TXmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

/** Follows a chain of child element names from several starting nodes. */
export function path(nodes: readonly (TXmlNode | undefined)[], ...names: string[]): TXmlNode[] {
  let current = nodes.filter((n): n is TXmlNode => n !== undefined);
  for (const name of names) current = current.flatMap((n) => kids(n, name));
  return current;
}

export function attr(node: TXmlNode | undefined, name: string): string {
  const value = node?.[`@${name}`];
  return typeof value === "string" ? value.trim() : "";
}

export function textOf(node: TXmlNode | undefined): string {
  const value = node?.["#text"];
  return typeof value === "string" ? value.trim() : "";
}

/** The `code` attribute of a node's <code> child: how E2B R3 says what an observation is. */
export function codeOf(node: TXmlNode | undefined): string {
  return attr(kids(node, "code")[0], "code");
}
