"""``trajectkit rules``: the rule list, one rule's documentation, or the whole reference."""

from __future__ import annotations

from dataclasses import dataclass

from trajectkit.errors import UsageError, did_you_mean
from trajectkit.terminal import say
from trajectkit.translation import _


@dataclass(frozen=True)
class RulesOptions:
    rule_id: str | None = None
    output_format: str = "text"
    config_path: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()


def run(options: RulesOptions) -> int:
    """Print the rule list, or one rule's documentation; ``markdown``: the whole reference."""
    from trajectkit.config import load_config
    from trajectkit.problems import Level
    from trajectkit.rules import LOAD_RULES, RULES, documentation, summary

    rule_id = options.rule_id
    if rule_id is not None and rule_id not in RULES:
        hint = did_you_mean(rule_id, RULES) or _("; `trajectkit rules` lists them")
        raise UsageError(_("unknown rule '%(rule)s'%(hint)s") % {"rule": rule_id, "hint": hint})
    if options.output_format == "markdown":
        from trajectkit.formats.rules import markdown_reference

        say(markdown_reference([rule_id] if rule_id else list(RULES)), nl=False)
        return 0
    config = load_config(options.config_path, options.profile)
    if rule_id is not None:
        module = RULES[rule_id]
        level = config.level(rule_id, module.DEFAULT_LEVEL)
        say(f"{rule_id} (level: {level}, default: {module.DEFAULT_LEVEL})\n")
        say(documentation(module))
        return 0
    width = max(len(name) for name in RULES)
    for name, module in RULES.items():
        level = Level.ERROR if name in LOAD_RULES else config.level(name, module.DEFAULT_LEVEL)
        say(f"{name:<{width}}  {level!s:<7}  {summary(module)}")
    return 0
