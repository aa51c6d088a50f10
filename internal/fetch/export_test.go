package fetch

import "net/netip"

// SetBeforeConnect makes c call f for every address the guard lets through,
// just before connecting; an error from f stops the dial. Tests use it to
// see what would be dialed without reaching the internet.
func SetBeforeConnect(c *Client, f func(netip.AddrPort) error) { c.beforeConnect = f }
