"""Everything a body can tell on its own, in one call.

The rules of body.py (fixed headings, no raw HTML, safe links) and, for a
body that needs it, the rendered backstop of body_html.py. No models and no
pydantic, so early.py can run it in the child that reads practices/, while
this process imports the libraries; validate.py uses that result, or calls
it itself when nothing ran early.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import body as body_rules


@dataclass(frozen=True)
class BodyFindings:
    issues: list[body_rules.BodyIssue]  # lines are 1-based within the body
    rendered: list[str]  # what the rendered HTML holds that is not on the allowlist


def findings(body: str, kind: str) -> BodyFindings | None:
    """None for an unknown type: validation reports that instead."""
    if kind not in body_rules.BODY_SECTIONS:
        return None
    required, optional = body_rules.BODY_SECTIONS[kind]
    unsafe = body_rules.unsafe_markup(body)
    issues = body_rules.check(body, required, optional, unsafe)
    if unsafe:  # refused already, with lines: no need to render it
        return BodyFindings(issues, [])
    from . import body_html  # here: it brings an HTML parser, and Python-Markdown for some bodies

    return BodyFindings(issues, body_html.rendered_problems(body))
