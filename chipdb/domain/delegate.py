"""An attribute that a record forwards from something it holds, named by a dotted path: one
declaration a line (``device = Delegate[str]("numerator.device")``) where a run of hand-written
properties would say the same thing each time."""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Generic, Never, TypeVar, overload

T = TypeVar("T")


class Delegate(Generic[T]):
    """A read-only attribute whose value is ``path`` read from the instance, as a property would
    return it; ``T`` is its type. Reading it on the class gives the descriptor."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = path
        self._get = attrgetter(path)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Delegate[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        return self if obj is None else self._get(obj)

    def __set__(self, obj: object, value: Never) -> None:  # read-only: a type checker refuses any value
        raise AttributeError(f"{type(obj).__name__}.{self.name} is read-only: it is {self.path}")
