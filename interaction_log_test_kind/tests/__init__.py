from . import test_declared_kind
