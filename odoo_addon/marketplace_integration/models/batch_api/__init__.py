"""The batch API's concerns, one per module (readme/DEVELOP.md has the map).

Plain classes bound to one ``marketplace.supplier.config`` (already checked and in sudo);
the public methods of ``models/marketplace_batch_api.py`` create and call them.
"""
