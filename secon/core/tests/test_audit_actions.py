"""The audit actions are a closed list: every code written anywhere is registered, with a Polish label."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.utils import translation

from secon.core.admin import AuditedAdmin, audit_code
from secon.core.audit import (
    CODE_PATTERN,
    UnknownAuditAction,
    action_label,
    record_event,
    register_actions,
    registered_actions,
)
from secon.core.models import AuditEvent

SOURCE = Path(settings.BASE_DIR) / "secon"
APPS = ("core", "accounts", "projects", "territory", "registry", "news", "public")
LITERAL_CODE = re.compile(rf"^(?:{'|'.join(APPS)})\.[a-z][a-z_]*\.[a-z][a-z_]*$")
# Past participles that do not end in -ed.
IRREGULAR = {"set", "read", "sent", "made", "done", "withdrawn"}


def _audited_admin_codes() -> set[str]:
    return {
        audit_code(model, verb)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, AuditedAdmin)
        for verb in ("created", "updated", "deleted")
    }


def _export_codes() -> set[str]:
    from secon.registry.records.exports import AUDIT_CODES

    return set(AUDIT_CODES.values())


# Codes computed at run time, by the source of their expression: what each can be.
def _practice_step_codes() -> set[str]:
    from secon.practices.audit_actions import TRANSITION_CODES

    return set(TRANSITION_CODES.values())


DYNAMIC: dict[str, Callable[[], set[str]]] = {
    "_code(obj, 'updated' if change else 'created')": _audited_admin_codes,
    "_code(obj, 'deleted')": _audited_admin_codes,
    "AUDIT_CODES[kind]": _export_codes,
    "transition.code": _practice_step_codes,
}


def _source_files() -> Iterator[Path]:
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def _codes_in_source() -> tuple[dict[str, str], dict[str, str]]:
    """Literal codes, and the expressions of codes computed at run time, each with where it is."""
    literals: dict[str, str] = {}
    computed: dict[str, str] = {}
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(SOURCE))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and LITERAL_CODE.match(node.value)
            ):
                literals[node.value] = f"{where}:{node.lineno}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "record_event" and node.args:
                first = node.args[0]
                if not isinstance(first, ast.Constant) and not (
                    isinstance(first, ast.IfExp)
                    and isinstance(first.body, ast.Constant)
                    and isinstance(first.orelse, ast.Constant)
                ):
                    computed[ast.unparse(first)] = f"{where}:{node.lineno}"
    return literals, computed


def test_every_code_written_in_the_source_is_registered() -> None:
    literals, computed = _codes_in_source()
    assert len(literals) > 40, "the scan found too few codes to be looking in the right place"
    unknown = {code: where for code, where in literals.items() if code not in registered_actions()}
    assert not unknown, f"register these in the app's audit_actions.py: {unknown}"
    new_expressions = {expr: where for expr, where in computed.items() if expr not in DYNAMIC}
    assert not new_expressions, f"a computed audit code: list what it can be in DYNAMIC: {new_expressions}"
    for expression in computed:
        missing = DYNAMIC[expression]() - set(registered_actions())
        assert not missing, f"{expression} can write {sorted(missing)}, which are not registered"


def test_every_registered_code_is_app_model_verb_past() -> None:
    for code in registered_actions():
        assert CODE_PATTERN.match(code), code
        verb = code.rsplit(".", 1)[1].split("_")
        assert any(word.endswith("ed") or word in IRREGULAR for word in verb), f"{code}: not a past verb"


def _codes_written() -> set[str]:
    literals, computed = _codes_in_source()
    return set(literals).union(*(DYNAMIC[expression]() for expression in computed if expression in DYNAMIC))


def test_every_action_the_platform_writes_has_a_polish_label_of_its_own() -> None:
    # Over the codes in the source, not the registry: a test may register a code of an app to come.
    untranslated = []
    for code in _codes_written():
        with translation.override("en"):
            english = action_label(code)
        with translation.override("pl"):
            polish = action_label(code)
        if polish in (english, code):
            untranslated.append(code)
    assert not untranslated, f"no Polish label: {untranslated}"


def test_registering_a_malformed_code_is_refused() -> None:
    for bad in ("registry.Person.Updated", "registry.person", "registry person updated", "a.b.c.d"):
        with pytest.raises(ValueError):
            register_actions({bad: "x"})
    assert "a.b.c.d" not in registered_actions()


@pytest.mark.django_db
def test_an_unregistered_code_is_refused_and_nothing_is_written() -> None:
    with pytest.raises(UnknownAuditAction, match=r"registry\.person\.updatd"):
        record_event("registry.person.updatd", actor=None)
    assert not AuditEvent.objects.exists()


def test_a_code_from_before_a_rename_is_shown_as_it_is() -> None:
    assert action_label("projects.thing.vanished") == "projects.thing.vanished"
