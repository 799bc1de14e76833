package main

import (
	"context"

	"leakdesk/internal/incident"
	"leakdesk/internal/report"
)

// buildPacket and renderPacket wait for report.Build and the PDF renderer.
func buildPacket(svc *incident.Service, cf *incident.CaseFile, req packetRequest) (report.Packet, error) {
	return report.Packet{}, incident.Errorf(incident.CodeInternal, "这个版本还不能生成材料。", "Packets are not available in this build yet.", nil)
}

func renderPacket(ctx context.Context, svc *incident.Service, path string, p report.Packet) (string, error) {
	return "", incident.Errorf(incident.CodeInternal, "这个版本还不能生成材料。", "Packets are not available in this build yet.", nil)
}
