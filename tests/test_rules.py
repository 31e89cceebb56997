"""The rule registry's order is computed once per stage and recomputed after a registration."""
from refugee_ld.extraction import rules


def test_the_order_of_a_stage_follows_every_registration():
    stage = "test.rules.order"
    try:
        rules.rule("test.rules.b", stage=stage, produces=int, after=("test.rules.a",))(lambda doc, inputs: ())
        rules.rule("test.rules.a", stage=stage, produces=int)(lambda doc, inputs: (1,))
        assert [r.name for r in rules.ordered(stage)] == ["test.rules.a", "test.rules.b"]
        rules.rule("test.rules.c", stage=stage, produces=int)(lambda doc, inputs: (2,))
        assert [r.name for r in rules.ordered(stage)] == ["test.rules.a", "test.rules.b", "test.rules.c"]
        assert rules.run_stage(stage, None) == {"test.rules.a": (1,), "test.rules.b": (), "test.rules.c": (2,)}
    finally:
        for name in ("test.rules.a", "test.rules.b", "test.rules.c"):
            rules._REGISTRY.pop(name, None)
        rules._ORDERED.clear()
