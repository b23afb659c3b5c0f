"""nDCG@10, P@3 and MRR of one ranked list against graded judgements."""

import math


def dcg(grades):
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at_10(ranked, judged):
    ideal = dcg(sorted(judged.values(), reverse=True)[:10])
    return dcg([judged.get(key, 0) for key in ranked[:10]]) / ideal if ideal else 0.0


def precision_at_3(ranked, judged):
    """Share of the first 3 that are relevant, out of min(3, number of relevant services),
    so that a query with one right answer can reach 1."""
    relevant = sum(1 for key in ranked[:3] if judged.get(key, 0) > 0)
    return relevant / min(3, len(judged))


def reciprocal_rank(ranked, judged):
    for rank, key in enumerate(ranked[:10], start=1):
        if judged.get(key, 0) > 0:
            return 1 / rank
    return 0.0
