// Graph helpers for small-cell suppression: bridges (edges on no cycle) and reachability in
// the undirected graph of hidden cells, where rows and columns are nodes and cells are edges.

/** One bridge of the graph (Tarjan's low-link), as its two nodes. */
export function findBridge(adjacency: readonly (readonly number[])[]): [number, number] | undefined {
  const order = new Array<number>(adjacency.length).fill(-1);
  const low = new Array<number>(adjacency.length).fill(0);
  let counter = 0;
  let found: [number, number] | undefined;
  const visit = (node: number, parent: number) => {
    order[node] = low[node] = counter++;
    for (const next of adjacency[node]!) {
      if (found) return;
      if (next === parent) continue; // a simple graph: one edge per (row, column) pair
      if (order[next] === -1) {
        visit(next, node);
        low[node] = Math.min(low[node], low[next]!);
        if (low[next]! > order[node]) found = [node, next];
      } else {
        low[node] = Math.min(low[node], order[next]!);
      }
    }
  };
  for (let node = 0; node < adjacency.length && !found; node++) if (order[node] === -1 && adjacency[node]!.length) visit(node, -1);
  return found;
}

export function reachable(adjacency: readonly (readonly number[])[], start: number, cut?: [number, number]): Set<number> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const node = stack.pop()!;
    for (const next of adjacency[node]!) {
      const isCut = cut && ((node === cut[0] && next === cut[1]) || (node === cut[1] && next === cut[0]));
      if (!isCut && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}
