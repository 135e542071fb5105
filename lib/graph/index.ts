// The allowed-traffic graph and its renderings (Mermaid, Graphviz, self-contained HTML). PURE.
export { buildTrafficGraph, edgeLabel, DEFAULT_GRAPH_PORTS, EXTERNAL_GROUP, GraphEdge, GraphNode, TrafficGraph, TrafficGraphOptions } from './traffic-graph';
export { formatGraphDot, formatGraphMermaid } from './text-formats';
export { formatGraphHtml, GraphHtmlOptions } from './html';
