"""A strict reading that fails late in a document says so, and ``--recover`` still files it with its log (AUD12).

A Centene pharmacy print whose coding table came out a cell a line (``HCPCS Codes`` / ``Description``) was refused
at that table with the grammar's message only, and the user could not tell a damaged appendix from an unreadable
document.  The message now says the rest reads (its identifier and revision log) and that ``--recover`` files it.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from policyvc.errors import PolicyError
from policyvc.store.ingest import prepare

_POLICY = (FIXTURES / "audit_shapes" / "pharmacy.txt").read_text(encoding="utf-8")
_LATE = _POLICY.replace("HCPCS Codes\tDescription\n", "HCPCS Codes\n\nDescription\n\n", 1)


def test_the_strict_message_says_the_rest_reads() -> None:
    with pytest.raises(PolicyError) as err:
        prepare(_LATE.encode(), "late.txt")
    assert "found `Description`" in err.value.message
    assert "`ingest --recover` files the version" in err.value.message


def test_recover_files_it_with_its_log() -> None:
    prepared = prepare(_LATE.encode(), "late.txt", recover=True)
    assert prepared.reference == "CP.PHAR.990"
    assert prepared.policy.revision_log
    assert prepared.partial  # (the region named)


def test_a_document_with_no_log_gets_no_such_hint() -> None:
    start = _LATE.index("Reviews, Revisions, and Approvals\tDate")
    with pytest.raises(PolicyError) as err:
        prepare(_LATE[:start].encode(), "late.txt")
    assert "--recover" not in err.value.message
