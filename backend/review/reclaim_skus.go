package review

// SkuName is the friendly name of a SKU in this dataset (its id when the
// snapshot does not know it).
func (d *Dataset) SkuName(skuID string) string {
	k, _ := d.sku(skuID)
	if k.Name == "" {
		return skuID
	}
	return k.Name
}

// SkuMonthly is a SKU's monthly unit price in the dataset's currency (0
// when unpriced or priced in another currency): what reclaiming one seat
// saves per month. Annual = 12 × monthly.
func (d *Dataset) SkuMonthly(skuID string) float64 { return d.monthly(skuID) }
