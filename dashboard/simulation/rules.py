"""The reallocation rules a planner can choose, and the assumptions they rest on.

Rule A — *ganti di kabupaten yang sama* (refill within the kabupaten)
    1. Remove every active KPM (``status_kpm = AKTIF`` in the programme-period)
       whose registry family is MENINGGAL, PINDAH, or has a desil above the
       programme's target set (PKH 1–4, SEMBAKO 1–5). The removed KPM's slot
       is freed in the kabupaten of the KPM row.
    2. Refill the freed slots of each kabupaten with that kabupaten's
       *excluded target families* (target desil, status ADA, not an active
       KPM in the period), in this fixed order: lower desil first, then larger
       household (``jml_art``, unknown last), then ascending ``family_id``
       (a keyed hash: arbitrary but fixed, so the result is deterministic).
    3. If a kabupaten frees more slots than it has excluded target families,
       the rest stay unused and are reported (they are not moved).

Rule B — *A + pindah kuota antar-kabupaten* (A plus a quota shift)
    Before refilling, each kabupaten puts ``floor(share × freed slots)`` into a
    province pool. The pool is shared out to kabupaten in proportion to their
    count of excluded desil-1 families (largest-remainder method on integers;
    remainder ties go to the larger count, then to the lower kabupaten code).
    If no kabupaten has an excluded desil-1 family the pool returns to its
    origin. Then step 2–3 of rule A run with each kabupaten's new slot count.
    Share 0 % is exactly rule A.

Not removed (their eligibility cannot be shown from the registry): KPM with
no registry family, no desil, or status TIDAK_DITEMUKAN; NONAKTIF, GRADUASI,
DIALIHKAN and TANGGUH rows are not recipients and hold no slot. Only freed
slots move; an eligible recipient never loses a slot.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import i18n

#: Rule identifiers (URL parameter ``aturan``).
RULE_IDS: tuple[str, ...] = ("A", "B")
#: Allowed shares for rule B, in percent (URL parameter ``porsi``).
SHARES: tuple[int, ...] = tuple(range(0, 101, 10))
#: Registry statuses whose recipients are removed.
REMOVED_STATUS: tuple[str, ...] = ("MENINGGAL", "PINDAH")
#: Reasons a slot is freed (column suffixes, in precedence order).
REASONS: tuple[str, ...] = ("meninggal", "pindah", "desil_atas")


@dataclass(frozen=True)
class Rule:
    """One simulation rule.

    Attributes
    ----------
    id : {"A", "B"}
        Rule identifier.
    share : int
        Percent (0–100) of each kabupaten's freed slots pooled and shared out
        by excluded desil-1 families. Ignored (treated as 0) for rule A.
    """

    id: str = "A"
    share: int = 0

    def __post_init__(self) -> None:
        if self.id not in RULE_IDS:
            raise ValueError(f"aturan tidak dikenal {self.id!r}; pilih {RULE_IDS}")
        if not 0 <= int(self.share) <= 100:
            raise ValueError(f"porsi harus 0–100, bukan {self.share!r}")

    @property
    def fraction(self) -> float:
        """Share as a fraction 0–1 (0 for rule A)."""
        return 0.0 if self.id == "A" else int(self.share) / 100


def rule_label(rule: Rule, lang: str = "id") -> str:
    """Name a rule for titles and exports: "Aturan B (porsi 30%)"."""
    if rule.id == "A":
        return i18n.t("sim_rule_A", lang)
    return i18n.t("sim_rule_B_share", lang, share=int(rule.share))


def assumptions(
    rule: Rule,
    *,
    program: str,
    periode: str,
    target_desil: tuple[int, ...],
    avg_nominal: float,
    lang: str = "id",
) -> list[str]:
    """Return the assumptions behind one simulation, one sentence each.

    The same list is shown on the page, printed by the command and written
    as the header block of every export.
    """
    from dashboard import formatting

    desil = f"{min(target_desil)}–{max(target_desil)}" if target_desil else "-"
    lines = [
        i18n.t("sim_assume_data", lang, program=program, periode=periode),
        i18n.t("sim_assume_remove", lang, desil=desil),
        i18n.t("sim_assume_keep", lang),
        i18n.t("sim_assume_order", lang),
        i18n.t("sim_assume_budget", lang, nominal=formatting.rupiah(avg_nominal, lang)),
        i18n.t("sim_assume_unused", lang),
    ]
    if rule.id == "B":
        lines.append(i18n.t("sim_assume_shift", lang, share=int(rule.share)))
    else:
        lines.append(i18n.t("sim_assume_no_shift", lang))
    lines.append(i18n.t("sim_assume_static", lang))
    return lines
