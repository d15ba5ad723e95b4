// Builds DOM nodes from code. Text always goes in as textContent: nothing here ever parses a string as HTML.

interface ElementSpec {
  className?: string;
  text?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  spec: ElementSpec = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (spec.className !== undefined) {
    node.className = spec.className;
  }
  if (spec.text !== undefined) {
    node.textContent = spec.text;
  }
  for (const [name, value] of Object.entries(spec.attributes ?? {})) {
    node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}
