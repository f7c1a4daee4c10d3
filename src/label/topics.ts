// Parent topics are worth a section only when they group clusters the way a reader would: several
// topics, none holding most of the tickets, and not merely the Russian tickets apart from the English.
import type { ClusterRun, ParentTopic } from '../types.js';

/** A topic holding more than this share of the clustered tickets says nothing ("89% are about orders"). */
const MAX_TOPIC_SHARE = 0.5;

export interface TopicCluster {
  id: string;
  size: number;
  /** The cluster's label and keywords: their script tells the language. */
  words: string;
}

/** "ru" for mostly Cyrillic letters, "latin" for mostly Latin ones, null for neither. */
export function scriptOf(text: string): 'cyrillic' | 'latin' | null {
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  if (cyrillic === 0 && latin === 0) return null;
  return cyrillic >= latin ? 'cyrillic' : 'latin';
}

/**
 * The parent topics when they group clusters meaningfully, else none (the report then leaves the
 * section out): at least two topics that each gather two or more clusters, none with more than half
 * of the clustered tickets, and topics that are not just the languages of the export.
 */
export function meaningfulTopics(parents: readonly ParentTopic[], clusters: readonly TopicCluster[]): ParentTopic[] {
  const clustered = clusters.reduce((sum, c) => sum + c.size, 0);
  if (clustered === 0) return [];
  const grouping = parents.filter((p) => p.clusters.length >= 2);
  if (grouping.length < 2) return [];
  if (parents.some((p) => p.size > MAX_TOPIC_SHARE * clustered)) return [];
  const scriptOfCluster = new Map(clusters.map((c) => [c.id, scriptOf(c.words)]));
  const scripts = new Set([...scriptOfCluster.values()].filter((s) => s !== null));
  if (scripts.size >= 2) {
    // Each topic one language and as many topics as languages: the hierarchy only found the languages.
    const topicScripts = parents.map((p) => new Set(p.clusters.map((id) => scriptOfCluster.get(id) ?? null)));
    const monolingual = topicScripts.every((s) => s.size === 1);
    if (monolingual && grouping.length <= scripts.size) return [];
  }
  return [...parents];
}

/** The run with its topics kept only when meaningful (each cluster's `parent` cleared when they go). */
export function withMeaningfulTopics(run: ClusterRun): ClusterRun {
  const parents = meaningfulTopics(
    run.parents,
    run.clusters.map((c) => ({ id: c.id, size: c.size, words: `${c.label} ${c.keywords.join(' ')}` })),
  );
  if (parents.length === run.parents.length) return run;
  return { ...run, parents, clusters: run.clusters.map((c) => ({ ...c, parent: null })) };
}
