/** Sharing opportunities: tower co-location, spare ducts and poles, route planning, dig-once, overhead cable cleanup. */
export {};
