"""Amounts of money as Vietnamese writes them: a dot between thousands (1.490.000), no decimals (đồng)."""


def vnd(amount):
    """``1490000`` -> ``"1.490.000"`` (None reads as 0: an empty cell of a report)."""
    return f"{int(amount or 0):,}".replace(",", ".")
