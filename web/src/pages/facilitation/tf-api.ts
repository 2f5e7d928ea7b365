// The trade facilitation routes for the web app: request descriptors (the download menu exports
// the same query) and hooks. Row types come from the module's schema, not from a hand-kept copy.
import { request, useApi, type ApiRequest, type Envelope, type Source } from '../../api';
import type { AverageRow, ChannelRow, ComparisonRow, GapRow, NextRow, ScoreRow, StatusRow, TfAverage } from '../../../../src/modules/facilitation/schema';

export type { AverageRow, ChannelRow, ComparisonRow, GapRow, NextRow, ScoreRow, StatusRow, TfAverage };

export interface MeasureRow {
  id: string;
  group: string;
  group_name: string;
  core: boolean;
  name: string;
  stage: 'A' | 'B' | 'C' | null;
  verify: string | null;
}
export interface FrameworkInfo {
  id: string;
  version: string;
  title: string;
  rounds: number[];
  provenance: { publisher: string; url: string; license: string; retrieved: string; definitions?: string };
  scale: { status: number; label: string }[];
  rules: { core_measures: number };
  verify: string[];
  groups: { id: string; name: string; core: boolean; scored: number | null; verify: string | null }[];
}
export interface StepRow {
  id: string;
  label: string;
  stage: 'A' | 'B' | 'C';
  alt_stages: string;
  measure: string | null;
  prerequisites: string;
  source: string;
  puente_reading: boolean;
  note: string | null;
}
export interface SequenceInfo {
  id: string;
  version: string;
  title: string;
  provenance: { publisher: string; source: string };
  links: { from: string; to: string; source: string; puente_reading: boolean; why: string }[];
}
export interface HeldBack {
  measure: string;
  stage: string;
  waiting_for: { measure: string; status: number | null }[];
}

export type FrameworkEnvelope = Envelope<MeasureRow> & { framework: FrameworkInfo };
export type SequenceEnvelope = Envelope<StepRow> & { sequence: SequenceInfo | null };
export type ScoresEnvelope = Envelope<ScoreRow> & { sources: Source[] };
export type ComparisonEnvelope = Envelope<ComparisonRow> & { round: number | null; rounds: number[]; averages: Record<string, Record<string, TfAverage>>; without_score: string[]; sources: Source[] };
export type StatusesEnvelope = Envelope<StatusRow> & { sources: Source[] };
export type AveragesEnvelope = Envelope<AverageRow> & { region: string; peers: string[]; min_n: number; peer_min_n: number; sources: Source[] };
export type NextEnvelope = Envelope<NextRow> & { peers: string[]; held_back: HeldBack[]; implemented_min: number; prereq_min: number; peer_min_n: number; sources: Source[] };
export type GapsEnvelope = Envelope<GapRow> & { peers: string[]; unknown_own: number; implemented_min: number; peer_min_n: number; sources: Source[] };
export type ChannelsEnvelope = Envelope<ChannelRow> & { sources: Source[] };

export interface PeerChoice {
  peers: readonly string[];
  group: string | null;
}
const peerParams = (p: PeerChoice) => (p.peers.length ? { peers: p.peers } : { group: p.group });

export const frameworkRequest = (): ApiRequest => request('/facilitation/framework');
export const useFramework = () => useApi<FrameworkEnvelope>(frameworkRequest(), true);
export const sequenceRequest = (): ApiRequest => request('/facilitation/sequence');
export const useSequence = () => useApi<SequenceEnvelope>(sequenceRequest(), true);

export const scoresRequest = (country: readonly string[]): ApiRequest => request('/facilitation/scores', { country, _size: 'max' });
export const useScores = (req: ApiRequest | null) => useApi<ScoresEnvelope>(req, true);
export const comparisonRequest = (round: number | null): ApiRequest => request('/facilitation/comparison', { round, _size: 'max' });
export const useComparison = (req: ApiRequest) => useApi<ComparisonEnvelope>(req, true);
export const statusesRequest = (q: { country?: readonly string[]; round?: number | null }): ApiRequest => request('/facilitation/statuses', { country: q.country ?? [], round: q.round ?? null, _size: 'max' });
export const useStatuses = (req: ApiRequest | null) => useApi<StatusesEnvelope>(req, true);

const economy = (iso3: string, what: string) => `/facilitation/economies/${encodeURIComponent(iso3)}/${what}`;
export const averagesRequest = (iso3: string, p: PeerChoice): ApiRequest => request(economy(iso3, 'averages'), { ...peerParams(p), _size: 'max' });
export const useAverages = (req: ApiRequest) => useApi<AveragesEnvelope>(req, true);
export const nextRequest = (iso3: string, p: PeerChoice): ApiRequest => request(economy(iso3, 'next'), { ...peerParams(p), _size: 'max' });
export const useNext = (req: ApiRequest) => useApi<NextEnvelope>(req, true);
export const gapsRequest = (iso3: string, p: PeerChoice): ApiRequest => request(economy(iso3, 'gaps'), { ...peerParams(p), _size: 'max' });
export const useGaps = (req: ApiRequest) => useApi<GapsEnvelope>(req, true);
export const channelsRequest = (iso3: string): ApiRequest => request(economy(iso3, 'channels'), { _size: 'max' });
export const useChannels = (req: ApiRequest) => useApi<ChannelsEnvelope>(req, true);
