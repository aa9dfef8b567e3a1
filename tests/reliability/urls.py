"""Every URL pattern the project serves, found by walking the resolver (so new URLs are never missed)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"; "" for an unnamed pattern
    route: str  # the pattern as written, e.g. "api/v1/^incidents/(?P<pk>[^/.]+)/$"
    converters: tuple[str, ...]  # the names of its arguments


def routes(skip_namespaces: tuple[str, ...] = ("admin",)) -> list[Route]:
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or ""
                if ns in skip_namespaces:
                    continue
                inner = f"{namespace}:{ns}".strip(":") if ns else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
                regex = pattern.pattern.regex
                found.append(Route(name, prefix + str(pattern.pattern), tuple(regex.groupindex)))

    walk(get_resolver().url_patterns, "", "")
    return found
