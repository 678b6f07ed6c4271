"""Queries compiled once per process.

Django builds and compiles a queryset's SQL every time it runs. For a step's reads with their related rows
(``select_related`` over three or four tables, ``select_for_update``) the compiling costs more Python than the
database takes to answer (1.5 to 2 ms of a 3 ms read), and the steps run the same few shapes thousands of times.
``kept(build, **kinds)`` compiles the queryset ``build(**markers)`` once per database alias, with a marker value in
place of each argument, and keeps its SQL and its compiler (the column map made while compiling); each call runs
the kept SQL with the call's values through Django's own iterable (the same ``from_db``, converters, related
objects), so a kept query returns what the queryset would. Only the arguments vary: a query whose shape depends on
them (a list of keys, an optional filter) is not one to keep.

Markers are found among the compiled statement's parameters by their values. The query is compiled twice, with two
sets of markers, and is refused (``TypeError``, at its first call) unless both give the same statement with the
arguments at the same places: a lookup that transforms its argument, or a constant that equals a marker, never
gives a wrong statement.

An integer argument compared with an integer column by equality keeps Django's guard: a value outside the column's
range (a key of 10**20 typed in an address) matches nothing and is never sent (PostgreSQL would refuse it with an
error, where the queryset finds no row).
"""

import copy
import threading
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.lookups import Exact, IntegerFieldOverflow
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.where import AND, WhereNode
from django.db.transaction import TransactionManagementError


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: SQLCompiler
    sql: str
    params: tuple
    slots: dict  # parameter index -> argument name
    ranges: dict  # argument name -> (lowest, highest) of the integer column it is compared with


class kept:  # noqa: N801 — reads as a function that makes a callable query
    """``read = kept(lambda pk: Model.objects.select_related(...).filter(pk=pk), pk=int)``, then ``read(pk=3)`` (a
    list of objects), ``read.first(pk=3)`` or ``read.get(pk=3)``. Each argument is declared with its type, ``int``
    or ``str``."""

    def __init__(self, build, **kinds):
        self._build = build
        self._kinds = kinds
        self._compiled = {}  # database alias -> _Compiled
        self._lock = threading.Lock()

    def __call__(self, *, using=DEFAULT_DB_ALIAS, **values):
        if values.keys() != self._kinds.keys():
            raise TypeError(f"expected the arguments {sorted(self._kinds)}, got {sorted(values)}")
        compiled = self._compiled.get(using) or self._compile(using)
        if any(_outside(values[name], *bounds) for name, bounds in compiled.ranges.items()):
            return []  # as the queryset: no row holds a value its column cannot
        connection = connections[using]
        if (
            compiled.queryset.query.select_for_update
            and connection.features.has_select_for_update
            and connection.get_autocommit()
        ):  # what Django's compiler refuses, refused here too
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = list(compiled.params)
        for index, name in compiled.slots.items():
            params[index] = values[name]
        queryset = compiled.queryset._chain()
        compiler = copy.copy(compiled.compiler)
        compiler.connection, compiler.query = connection, queryset.query
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, tuple(params))
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def first(self, **values):
        """The first object, or None (the kept query's own ordering and limit say which)."""
        return next(iter(self(**values)), None)

    def get(self, **values):
        """The object, or its model's ``DoesNotExist`` (for a query by key, where two rows cannot match)."""
        found = self.first(**values)
        if found is None:
            model = self._compiled[values.get("using", DEFAULT_DB_ALIAS)].queryset.model
            raise model.DoesNotExist(f"{model._meta.object_name} matching {values} does not exist.")
        return found

    def _compile(self, using):
        with self._lock:
            queryset, compiler, sql, params, slots, ranges = self._compile_with(using, first=32_100)
            # Again with other markers: the same statement with the arguments at the same places, or a constant of
            # the query happened to equal a marker (or an argument changes the statement): not a query to keep.
            again = self._compile_with(using, first=32_200)
            if again[2] != sql or again[4] != slots:
                raise TypeError("this query's statement depends on its arguments: it cannot be kept")
            compiled = _Compiled(queryset, compiler, sql, tuple(params), slots, ranges)
            self._compiled[using] = compiled
            return compiled

    def _compile_with(self, using, *, first):
        markers = {name: _marker(kind, first + n) for n, (name, kind) in enumerate(self._kinds.items())}
        queryset = self._build(**markers).using(using)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        names = {value: name for name, value in markers.items()}
        slots = {index: names[value] for index, value in enumerate(params) if _key(value) in names}
        missing = set(markers) - set(slots.values())
        if missing:
            raise TypeError(f"these arguments did not reach the statement as given: {sorted(missing)}")
        ranges = _ranges(queryset.query.where, names, connections[using], plain=True)
        return queryset, compiler, sql, params, slots, ranges


def _ranges(where, names, connection, *, plain):
    """``{argument: (lowest, highest)}`` for the arguments an integer column is compared with (Django's lookups that
    find nothing for a value out of the column's range). Only equality in a plain conjunction is kept: elsewhere (a
    negation, an alternative, a comparison) an out-of-range value would mean another thing than "no row"."""
    ranges = {}
    plain = plain and not where.negated and where.connector == AND
    for child in where.children:
        if isinstance(child, WhereNode):
            ranges.update(_ranges(child, names, connection, plain=plain))
        elif isinstance(child, IntegerFieldOverflow) and _key(child.rhs) in names:
            if not (plain and isinstance(child, Exact)):
                raise TypeError("an integer argument compared otherwise than by equality in a conjunction: not kept")
            internal_type = child.lhs.output_field.get_internal_type()
            ranges[names[child.rhs]] = connection.ops.integer_field_range(internal_type)
    return ranges


def _outside(value, lowest, highest):
    return (lowest is not None and value < lowest) or (highest is not None and value > highest)


def _marker(kind, number):
    if kind is int:
        return number  # within every integer column's range (Django finds nothing for a value out of it)
    if kind is str:
        return f"kept-query-marker-{number}"
    raise TypeError(f"an argument of a kept query is an int or a str, not {kind!r}")


def _key(value):
    """``value`` if it can be looked up in a dict (a parameter may be a list), else None."""
    try:
        hash(value)
    except TypeError:
        return None
    return value
