"""Pure domain: value objects, entities, events and the rules that fold them.

Nothing here imports Qt, SQL or touches files.
"""
