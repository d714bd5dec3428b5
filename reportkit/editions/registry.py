"""The one registry of editions every command uses: lookup by name, the unknown-edition message, year -> edition.

Editions come from three places, in this order:

1. reportkit itself: the national editions 2018, 2019, 2021 (folders in ``reportkit/editions``);
2. installed packages, through the entry-point group ``reportkit.editions``: an entry point names a package
   whose folder holds ``edition.toml`` (and, if the file says ``figures = "Class"``, that class of the package),
   or an :class:`~reportkit.editions.edition.Edition`, or a function returning a folder or an Edition;
3. the report's project: a folder ``editions/`` beside the data file (every sub-folder with an ``edition.toml``)
   and the folders a data file lists with ``editions = ["../editions/fujian-2018"]``. These are data only:
   nothing in them is imported or run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from reportkit.editions.edition import EDITION_FILE, Edition, load_edition
from reportkit.errors import DataError, listing
from reportkit.i18n import _

ENTRY_POINT_GROUP = "reportkit.editions"
NATIONAL = "reportkit"


def covers(edition: Edition, year: int) -> bool:
    """Whether ``edition`` is the format for reports on ``year``."""
    first, last = edition.years
    return first <= year and (last is None or year <= last)


def years_text(edition: Edition) -> str:
    """"2019–2020", "2021 on": the years of ``edition``, for messages and help."""
    first, last = edition.years
    return _("{first} on", first=first) if last is None else _("{first}–{last}", first=first, last=last)


class Registry:
    def __init__(self, national: Iterable[str], load_national: Callable[[Registry, str], Edition]) -> None:
        """``national``: the names of reportkit's own editions; ``load_national``: reads one of them. Each is
        read when first asked for, by name: a 2018 report never reads (nor imports) the 2019 and 2021 ones."""
        self._national_names = tuple(national)
        self._load_national = load_national
        self._built: dict[str, Edition] = {}  # reportkit's own, each read once
        self._editions: dict[str, Edition] = {}
        self._loaded = False
        self._scanned = False  # the installed packages' entry points read

    def _ensure(self, installed: bool = True) -> None:
        """reportkit's editions, and with ``installed`` those of the installed packages too.

        A national edition is found without reading the packages' entry points: importlib.metadata and the
        scan of every installed package cost a render a fifth of a second, and no package may take a
        national edition's name (:meth:`add`). Everything that adds an edition reads them first, so an
        edition of a project folder still wins over an installed one of the same name.
        """
        if not self._loaded:
            self._loaded = True
            self._scanned = False
            self._editions = {name: self._built_national(name) for name in self._national_names}
        if installed and not self._scanned:
            self._scanned = True
            self._entry_points()

    def _built_national(self, name: str) -> Edition:
        if name not in self._built:
            edition = self._load_national(self, name)
            if edition.name != name:
                raise ValueError(f"the national edition {name!r} calls itself {edition.name!r}")
            self._built[name] = edition
        return self._built[name]

    def _national_edition(self, name: object) -> Edition | None:
        """A national edition by its name, read alone if it was not yet (no other edition is read for it)."""
        return self._built_national(name) if isinstance(name, str) and name in self._national_names else None

    def refresh(self) -> None:
        """Forget every edition but reportkit's; the installed packages' are read again when next asked."""
        self._loaded = False

    def add(self, edition: Edition) -> Edition:
        """Register ``edition``; one from another place under a national edition's name is refused."""
        self._ensure()
        known = self._editions.get(edition.name)
        if known is not None and known.source == NATIONAL and edition.source != NATIONAL:
            raise DataError(edition.source, "name", _("{name} is the name of a national edition; a province's edition "
                                                      "takes a name of its own", name=repr(edition.name)))
        self._editions[edition.name] = edition
        return edition

    def get(self, name: str) -> Edition | None:
        national = self._national_edition(name)
        if national is not None:
            return national
        self._ensure()
        return self._editions.get(name)

    def lookup(self, name: object, source: str, path: str = "edition") -> Edition:
        """The edition called ``name``, or a DataError ``source: path: unknown edition …`` with a suggestion."""
        national = self._national_edition(name)
        if national is not None:
            return national
        self._ensure()
        text = str(name) if isinstance(name, str | int) and not isinstance(name, bool) else None
        if text is not None and text in self._editions:
            return self._editions[text]
        raise DataError(source, path, self.unknown(name))

    def unknown(self, name: object) -> str:
        shown = (f'"{name}"' if isinstance(name, str) else repr(name) if not isinstance(name, dict | list)
                 else _("a table"))
        known = listing(f'"{n}"' for n in self.names())
        digits = type(name) in (str, int) and str(name).isdigit() and len(str(name)) <= 4
        year = self.for_year(int(str(name))) if digits else None
        close = [] if digits else difflib.get_close_matches(str(name), self.names(), n=1, cutoff=0.6)
        if year is not None:
            return _('unknown edition {name} (reports on {year} are in edition "{edition}"); known editions: {known}',
                     name=shown, year=name, edition=year.name, known=known)
        if close:
            return _('unknown edition {name} (did you mean "{close}"?); known editions: {known}', name=shown,
                     close=close[0], known=known)
        return _("unknown edition {name}; known editions: {known}", name=shown, known=known)

    def choose(self, name: str | None, year: int | None) -> Edition:
        """``--edition NAME``, or else the edition in force for ``--year``: the one choice of every command."""
        if name is not None:
            return self.lookup(name, "--edition", "")
        edition = self.for_year(year) if year is not None else None
        if edition is None:
            raise DataError("--year", "", _("no report format is known for {year} ({editions}); name one with "
                                            "--edition", year=year, editions=self.years_text()))
        return edition

    def names(self) -> list[str]:
        self._ensure()
        return sorted(self._editions)

    def editions(self) -> list[Edition]:
        """Every edition, by name."""
        return [self._editions[name] for name in self.names()]

    def for_year(self, year: int) -> Edition | None:
        """The edition in force for reports on ``year``, None before any.

        A national edition before any other, so that a province's own table for the same years is chosen only
        by name; of several, the newest; of equally new ones, the first registered.
        """
        self._ensure()
        fitting = [edition for edition in self._editions.values() if covers(edition, year)]
        return max(fitting, key=lambda e: (e.source == NATIONAL, e.years[0])) if fitting else None

    def years_text(self) -> str:
        """"2018 for 2014–2018, 2019 for 2019–2020, …": which national edition serves which years."""
        self._ensure()
        national = [e for e in self.editions() if e.source == NATIONAL]
        return listing(_("{edition} for {years}", edition=edition.name, years=years_text(edition))
                       for edition in national)

    def template_folders(self) -> dict[str, tuple[Path, ...]]:
        """Each edition's default templates, its own folder before its base's."""
        self._ensure()
        return {name: edition.templates for name, edition in self._editions.items()}

    def add_folder(self, folder: Path, source: str | None = None) -> list[Edition]:
        """The edition in ``folder`` (it has an ``edition.toml``), or every edition in its sub-folders."""
        if (folder / EDITION_FILE).is_file():
            return [self.add(load_edition(folder, source or str(folder), base_of=self.get))]
        if not folder.is_dir():
            raise DataError(str(folder), "", _("is not an edition (a folder with an {file}) nor a folder of editions",
                                               file=EDITION_FILE))
        found = sorted(sub for sub in folder.iterdir() if (sub / EDITION_FILE).is_file())
        # an extension may extend an edition of the same folder: bases first, whatever their names
        pending: list[Path] = found
        added: list[Edition] = []
        while pending:
            waiting: list[Path] = []
            error: DataError | None = None
            for sub in pending:
                try:
                    added.append(self.add(load_edition(sub, str(sub), base_of=self.get)))
                except DataError as exc:
                    if exc.path != "base":
                        raise
                    waiting.append(sub)
                    error = exc
            if error is not None and len(waiting) == len(pending):
                raise error
            pending = waiting
        return added

    def use_project(self, base: Path, listed: Iterable[Path] = ()) -> None:
        """A report's own editions: ``editions/`` beside its data file, and the folders it lists."""
        beside = base / "editions"
        if beside.is_dir():
            self.add_folder(beside)
        for folder in listed:
            self.add_folder(folder)

    def _entry_points(self) -> None:
        import importlib.metadata

        for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            where = _("entry point {name} ({value})", name=point.name, value=point.value)
            try:
                loaded = point.load()
            except Exception as exc:  # a broken package must not stop reportkit; say which one
                raise DataError(where, "", _("cannot be loaded: {kind}: {detail}", kind=type(exc).__name__,
                                             detail=str(exc))) from None
            if callable(loaded) and not isinstance(loaded, type):
                loaded = loaded()
            if isinstance(loaded, Edition):
                self.add(loaded)
            elif isinstance(loaded, ModuleType) and loaded.__file__ is not None:
                folder = Path(loaded.__file__).parent
                self.add(load_edition(folder, where, figures=_figures_of(loaded, folder, where), base_of=self.get))
            elif isinstance(loaded, str | Path):
                self.add(load_edition(Path(loaded), where, base_of=self.get))
            else:
                raise DataError(where, "", _("is not an edition: expected a package with an edition.toml, an Edition, "
                                             "or a function returning either"))


def _figures_of(module: ModuleType, folder: Path, where: str) -> type | None:
    """The figures class an installed edition's ``edition.toml`` names (``figures = "Class"``), if it does."""
    import tomllib

    data = tomllib.loads((folder / EDITION_FILE).read_text("utf-8"))
    name = data.get("figures")
    if name is None:
        return None
    cls = getattr(module, str(name), None)
    if not isinstance(cls, type):
        raise DataError(where, "figures", _("the package has no class {name}", name=repr(name)))
    return cls
