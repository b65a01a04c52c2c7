"""What runs the hub: each inbound message as one unit of work (its screens and effects) and the
work that falls due with time.
"""
