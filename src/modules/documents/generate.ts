// One entry point for the API and the CLI: a shipment in, a document out (PDF, XML or JSON).
// Nothing is stored or logged: the document lives only in the answer.
import { type CodeLists } from './codelists.js';
import { CodeCheckError, prepareShipment } from './compute.js';
import { renderCii } from './invoice-xml.js';
import { labelsFor } from './labels.js';
import { renderPdf } from './render-pdf.js';
import type { DocumentKind, Shipment } from './schema.js';

export type DocumentFormat = 'pdf' | 'xml' | 'json';

export interface GeneratedDocument {
  body: Buffer | string | Record<string, unknown>;
  contentType: string;
  filename: string;
}

/** A request the shipment cannot answer (wrong kind for the channel, XML of a packing list ...). */
export class DocumentRequestError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
  }
}

export async function generateDocument(kind: DocumentKind, format: DocumentFormat, shipment: Shipment, lists: CodeLists, lang?: string): Promise<GeneratedDocument> {
  if (format === 'xml' && kind !== 'invoice') throw new DocumentRequestError([`format: XML (CII D16B) is made for the invoice only; ask the ${kind} as pdf or json`]);
  if (kind === 'cn23' && shipment.channel !== 'postal') throw new DocumentRequestError([`channel: CN 23 data is for postal shipments; this one goes by ${shipment.channel}`]);
  const totals = prepareShipment(shipment, lists);
  const safeNumber = shipment.document.number.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'document';
  const filename = `${kind}-${safeNumber}.${format}`;
  if (format === 'pdf') return { body: await renderPdf(kind, shipment, totals, lists, lang), contentType: 'application/pdf', filename };
  if (format === 'xml') return { body: await renderCii(shipment, totals, lists), contentType: 'application/xml; charset=utf-8', filename };
  const { labels } = labelsFor(lang);
  const json: Record<string, unknown> = { kind, title: labels[kind], shipment, totals };
  if (kind === 'cn23') {
    json.cn23 = {
      category: shipment.cn23!.category,
      contents: totals.lines.map((l) => ({ description: l.description, quantity: `${l.quantity} ${l.unit}`, net_weight_kg: l.net_weight_kg, value: l.amount, hs: l.hs, origin: l.origin })),
      total_gross_weight_kg: totals.gross_weight_kg,
      total_value: totals.total,
      licence: shipment.cn23!.licence ?? null,
      certificate: shipment.cn23!.certificate ?? null,
      invoice: shipment.document.number,
    };
  }
  return { body: json, contentType: 'application/json', filename };
}

export { CodeCheckError };
