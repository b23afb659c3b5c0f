"""How protocol content reads through the content API (/api/v2/): steps as structured
data (responsible institutions as directory ids and names, deadlines as values, decision
points), in the language chosen with ?lang=."""


def _organization(value):
    if value is None:
        return None
    return {"id": str(value.pk), "name": value.name}


def serialize_step(block):
    value = block.value
    deadline = value.get("deadline") or {}
    return {
        "id": block.id,
        "number": value.get("number"),
        "title": value.get("title"),
        "summary": value.get("summary") or "",
        "responsible_institutions": [
            {"institution": _organization(item.get("organization")), "role": item.get("role")}
            for item in value.get("responsible") or []
            if item.get("organization") is not None
        ],
        "deadline": {
            "amount": deadline.get("amount"),
            "unit": deadline.get("unit") or None,
            "from_event": deadline.get("from_event") or None,
            "text": deadline.display() if hasattr(deadline, "display") else "",
        }
        if deadline.get("amount")
        else None,
        "actions": list(value.get("actions") or []),
        "decision_points": [
            {
                "question": decision.get("question"),
                "answer": decision.get("answer"),
                "next_step": decision.get("next_step"),
                "sub_route": decision.get("sub_route") or None,
            }
            for decision in value.get("decisions") or []
        ],
        "warnings": list(value.get("warnings") or []),
        "children_instructions": value.get("children_instructions") or "",
        "legal_references": [
            {"instrument": reference.get("instrument"), "article": reference.get("article")}
            for reference in value.get("legal_references") or []
        ],
        "forms": [
            {"id": document.pk, "title": document.title, "url": document.url}
            for document in value.get("forms") or []
            if document is not None
        ],
    }


def serialize_steps(stream_value):
    return [serialize_step(block) for block in stream_value if block.block_type == "step"]
